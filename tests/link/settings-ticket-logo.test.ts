/** The office's ticket logo (a text header head office sets) on the paper, above the office's name. */
import { describe, expect, test } from 'vitest';
import { ticketPrintData } from '@turnero/contract/print-data';
import { samplePrintJob } from '@turnero/contract/print-job-fixture';
import { renderTicketText } from '@turnero/hardware/layout/render-text';

describe('ticket logo', () => {
  test('printed as the first line, above the office name; none when empty', () => {
    const withLogo = renderTicketText(ticketPrintData({ ...samplePrintJob(), header: 'CHEC' })).split('\n').filter((l) => l.trim());
    expect(withLogo[0].replace(/\s/g, '')).toBe('CHEC'); // double width: spread letters in the text preview
    expect(withLogo[1].trim()).toBe('Oficina Centro Medellín');
    const without = renderTicketText(ticketPrintData(samplePrintJob())).split('\n').filter((l) => l.trim());
    expect(without[0].trim()).toBe('Oficina Centro Medellín');
  });
});
