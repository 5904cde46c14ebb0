/**
 * The portal's calls to head office's public API (no login). Types come from the contract
 * as types only: the contract's zod schemas stay out of the phone's download (the server
 * validates every body; the page shows its refusal).
 */
import type {
  BookingCreated,
  BookingRequest,
  PublicBooking,
  PublicOffice,
  PublicOfficesResponse,
  RemoteTicketCreated,
  RemoteTicketRequest,
  RemoteTicketView,
  SlotsResponse,
} from '@turnero/contract/portal';
import { createApiClient } from '@turnero/web-client/api';
import { getLang } from '@turnero/web-client/i18n';

const api = createApiClient({ baseUrl: '/api/v1/public', timeoutMs: 20_000 });

/** One service of an office's public row (the contract names the schema, not its type). */
export type PublicService = PublicOffice['services'][number];

export interface OfficeQuery {
  lat?: number;
  lon?: number;
}

const enc = encodeURIComponent;

/** The locale head office words this customer's messages in. */
export const messageLocale = (): 'es-CO' | 'en' => (getLang() === 'en' ? 'en' : 'es-CO');

export async function fetchOffices(query: OfficeQuery = {}): Promise<PublicOffice[]> {
  const params = new URLSearchParams();
  if (query.lat !== undefined && query.lon !== undefined) {
    // About a kilometre: enough to sort offices by distance, and not where the customer stands.
    params.set('lat', query.lat.toFixed(2));
    params.set('lon', query.lon.toFixed(2));
  }
  const qs = params.size ? `?${params}` : '';
  return (await api.get<PublicOfficesResponse>(`/offices${qs}`)).offices;
}

export async function fetchOffice(code: string): Promise<PublicOffice | null> {
  return (await fetchOffices()).find((o) => o.code === code) ?? null;
}

export async function fetchSlots(office: string, service: string, date: string): Promise<SlotsResponse['slots']> {
  return (await api.get<SlotsResponse>(`/offices/${enc(office)}/slots?service=${enc(service)}&date=${enc(date)}`)).slots;
}

export const createBooking = (body: BookingRequest) => api.post<BookingCreated>('/bookings', body);
export const fetchBooking = (code: string) => api.get<PublicBooking>(`/bookings/${enc(code)}`);
export const cancelBooking = (code: string) => api.delete<PublicBooking>(`/bookings/${enc(code)}`);
export const moveBooking = (code: string, start: string) => api.post<PublicBooking>(`/bookings/${enc(code)}/move`, { start });
export const joinRemoteQueue = (body: RemoteTicketRequest) => api.post<RemoteTicketCreated>('/remote-tickets', body);
export const fetchRemoteTicket = (publicId: string) => api.get<RemoteTicketView>(`/remote-tickets/${enc(publicId)}`);

/** A key fixed once per form: a double submit or a retry after a lost answer books once. */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
