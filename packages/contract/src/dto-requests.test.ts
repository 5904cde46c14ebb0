/**
 * The office's request bodies: what each command accepts and refuses. The server answers a
 * refused body with 400 validation_failed and changes nothing, so every limit here is a
 * promise to clients (the kiosk, the desk, the admin pages, the kiosk agent).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  CounterServicesRequest,
  FinishRequest,
  IssueTicketRequest,
  LoginRequest,
  OfficeSettingsRequest,
  CallSpecificRequest,
  CounterIdParam,
  PauseRequest,
  PrinterStatusRequest,
  PrintResult,
  TicketIdParam,
  TransferRequest,
} from './dto';
import { accepts, chars, rejects } from './test-fixtures';

describe('ids in paths and bodies', () => {
  it('are 1 to 64 characters', () => {
    accepts(TicketIdParam, { ticketId: chars(64) });
    rejects(TicketIdParam, { ticketId: chars(65) }, ['ticketId']);
    rejects(TicketIdParam, { ticketId: '' }, ['ticketId']);
    assert.deepEqual(accepts(CounterIdParam, { counterId: 'c1' }), { counterId: 'c1' });
    rejects(CounterIdParam, { counterId: '' }, ['counterId']);
    assert.deepEqual(accepts(CallSpecificRequest, { counterId: 'c2' }), { counterId: 'c2' });
    rejects(CallSpecificRequest, {}, ['counterId']);
  });
});

describe('issuing a ticket', () => {
  it('is general unless the customer asks for preferential', () => {
    assert.equal(accepts(IssueTicketRequest, { serviceId: 's-a' }).category, 'general');
    assert.equal(accepts(IssueTicketRequest, { serviceId: 's-a', category: 'preferential' }).category, 'preferential');
    rejects(IssueTicketRequest, { serviceId: 's-a', category: 'vip' }, ['category']);
  });
  it('takes a customer ID number of 4 to 20 letters, digits or dashes, and nothing else', () => {
    for (const customerId of ['1234', 'CC-1020304050', chars(20, '9')]) accepts(IssueTicketRequest, { serviceId: 's', customerId });
    for (const customerId of ['123', chars(21, '9'), '1234 5678', '12.345.678', "1234'--"]) {
      rejects(IssueTicketRequest, { serviceId: 's', customerId }, ['customerId']);
    }
  });
  it('keeps the consent version, the print flag and the customer ID it was given', () => {
    const body = { serviceId: 's-a', category: 'general', customerId: '1020304050', consentPolicyVersion: chars(32), print: false };
    assert.deepEqual(accepts(IssueTicketRequest, body), body);
    rejects(IssueTicketRequest, { serviceId: 's-a', consentPolicyVersion: chars(33) }, ['consentPolicyVersion']);
  });
});

describe('finishing', () => {
  it('an empty body is no outcome; an outcome is at most 64 characters', () => {
    assert.deepEqual(accepts(FinishRequest, undefined), {});
    assert.deepEqual(accepts(FinishRequest, { outcome: chars(64) }), { outcome: chars(64) });
    rejects(FinishRequest, { outcome: chars(65) }, ['outcome']);
  });
});

describe('transferring', () => {
  it('takes exactly one target: a service or a counter', () => {
    assert.deepEqual(accepts(TransferRequest, { toServiceId: 's-b' }), { toServiceId: 's-b' });
    assert.deepEqual(accepts(TransferRequest, { toCounterId: 'c2' }), { toCounterId: 'c2' });
    for (const body of [{}, { toServiceId: 's-b', toCounterId: 'c2' }]) {
      assert.equal(rejects(TransferRequest, body).message, 'Give exactly one of toServiceId or toCounterId');
    }
  });
});

describe("a counter's services", () => {
  it('weights are whole numbers from 1 to 10', () => {
    const body = { services: [{ serviceId: 's-a', weight: 1 }, { serviceId: 's-b', weight: 10 }] };
    assert.deepEqual(accepts(CounterServicesRequest, body), body);
    for (const weight of [0, 11, 1.5]) rejects(CounterServicesRequest, { services: [{ serviceId: 's-a', weight }] }, ['services', 0, 'weight']);
  });
  it('a counter serves at most 50 services', () => {
    const services = (n: number) => Array.from({ length: n }, (_, i) => ({ serviceId: `s${i}`, weight: 1 }));
    accepts(CounterServicesRequest, { services: services(50) });
    rejects(CounterServicesRequest, { services: services(51) }, ['services']);
  });
});

describe('office settings', () => {
  it('any subset of the settings may be sent', () => {
    assert.deepEqual(accepts(OfficeSettingsRequest, {}), {});
    const all = { ticker: chars(280), acceptingTickets: false, keepQueueOvernight: true, preferentialPerGeneral: 0, overdueFirst: false, agentsChooseServices: true };
    assert.deepEqual(accepts(OfficeSettingsRequest, all), all);
  });
  it('the ticker is at most 280 characters; the ratio a whole number from 0 to 10', () => {
    rejects(OfficeSettingsRequest, { ticker: chars(281) }, ['ticker']);
    accepts(OfficeSettingsRequest, { preferentialPerGeneral: 10 });
    for (const n of [-1, 11, 2.5]) rejects(OfficeSettingsRequest, { preferentialPerGeneral: n }, ['preferentialPerGeneral']);
  });
});

describe('logging in and pausing', () => {
  it('username 1-64 and password 1-256 characters', () => {
    accepts(LoginRequest, { username: chars(64), password: chars(256) });
    rejects(LoginRequest, { username: '', password: 'x' }, ['username']);
    rejects(LoginRequest, { username: chars(65), password: 'x' }, ['username']);
    rejects(LoginRequest, { username: 'ana', password: '' }, ['password']);
    rejects(LoginRequest, { username: 'ana', password: chars(257) }, ['password']);
  });
  it('a pause needs a known reason', () => {
    accepts(PauseRequest, { reason: 'back_office' });
    rejects(PauseRequest, { reason: 'siesta' }, ['reason']);
  });
});

describe('a kiosk agent reporting its printer', () => {
  it('a print result names the job and the ticket, with an error of at most 200 characters', () => {
    const result = { jobId: 'j1', ticketId: 't1', ok: false, error: chars(200), printerStatus: 'paper_out' };
    assert.deepEqual(accepts(PrintResult, result), result);
    rejects(PrintResult, { ...result, error: chars(201) }, ['error']);
    rejects(PrintResult, { ...result, jobId: '' }, ['jobId']);
    rejects(PrintResult, { ...result, printerStatus: 'on_fire' }, ['printerStatus']);
  });
  it('a status report is one of the known printer states', () => {
    assert.deepEqual(accepts(PrinterStatusRequest, { status: 'cover_open' }), { status: 'cover_open' });
    rejects(PrinterStatusRequest, { status: 'jammed' }, ['status']);
  });
});
