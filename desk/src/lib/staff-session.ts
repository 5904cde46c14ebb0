/**
 * The staff session shared by the desk, board and admin pages: one API client that reads
 * the token from sessionStorage on every request, login/logout, and "who am I".
 */
import { createApiClient } from '@turnero/web-client/api';
import { getStaffToken, setStaffToken } from '@turnero/web-client/auth';
import type { MeDto } from '@turnero/contract/dto';

export const api = createApiClient({ token: getStaffToken });

export async function login(username: string, password: string): Promise<MeDto> {
  const { token } = await api.post<{ token: string }>('/auth/login', { username, password });
  setStaffToken(token);
  return api.get<MeDto>('/me');
}

/** The signed-in user, or null when there is no (valid) token. */
export async function currentUser(): Promise<MeDto | null> {
  if (!getStaffToken()) return null;
  try {
    return await api.get<MeDto>('/me');
  } catch {
    setStaffToken(null);
    return null;
  }
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } catch {
    // The token is dropped locally anyway; an expired one needs no server call.
  }
  setStaffToken(null);
}
