/**
 * The planner page's calls (shapes: @turnero/contract/intelligence): a day's forecast, its
 * staffing plan or what-if, and what really came that day (the hour breakdown report).
 */
import type { ForecastResponse, StaffingBody, StaffingResponse } from '@turnero/contract/intelligence';
import type { BreakdownResponse } from '@turnero/contract/hq';
import { createApiClient, type ApiClient } from '@turnero/web-client/api';
import { getStaffToken } from '@turnero/web-client/auth';

export type StaffingRequest = Omit<StaffingBody, 'targetShare'> & { targetShare?: number };

export class PlannerApi {
  constructor(private readonly client: ApiClient = createApiClient({ token: getStaffToken })) {}

  forecast(officeCode: string, day: string): Promise<ForecastResponse> {
    return this.client.get(`/hq/offices/${encodeURIComponent(officeCode)}/forecast?from=${day}&to=${day}`);
  }

  staffing(officeCode: string, body: StaffingRequest): Promise<StaffingResponse> {
    return this.client.post(`/hq/offices/${encodeURIComponent(officeCode)}/staffing`, body);
  }

  /** Tickets issued per office-local hour that day (empty for a day still to come). */
  async arrivedByHour(officeCode: string, day: string): Promise<Map<number, number>> {
    const body = await this.client.get<BreakdownResponse>(
      `/hq/offices/${encodeURIComponent(officeCode)}/breakdown?from=${day}&to=${day}&by=hour`,
    );
    return new Map(body.rows.map((r) => [Number(r.key), r.issued]));
  }
}
