/**
 * Turnero's printing: ticket layout (ESC/POS, Epson and Star, 80/58 mm), transports
 * (tcp, serial, file, virtual) with real-time status, a queued printer service, serial
 * port discovery and a virtual printer for tests and the demo.
 */
export type { TicketPrintData } from './ticket-data';
export { PRINTER_STATUSES, systemClock, type Clock, type PrinterStatus } from './printer-status';
export { renderTicket, type Dialect, type RenderOptions } from './layout/render-escpos';
export { renderTicketText } from './layout/render-text';
export { buildTicketDocument, type Block, type PaperWidthMm } from './layout/document';
export { decodeTickets, EscPosDecoder, type DecodedTicket, type DecodedLine } from './escpos/decoder';
export type { DecodedBarcode } from './escpos/decoded-ticket';
export { code128Data, readCode128Data } from './escpos/code128';
export { renderCoupon, buildCouponBlocks, type CouponPrintData } from './layout/coupon';
export { canPrint } from './escpos/status';
export { openTransport, type OpenTransportOptions } from './transport/open-transport';
export { TransportError, type PrinterTransport, type TransportKind } from './transport/types';
export {
  assertPrinterTargetAllowed,
  parsePrinterAllowlist,
  parsePrinterUri,
  PrinterTargetRefused,
  type PrinterTarget,
  type PrinterTargetPolicy,
  type PrinterTargetRule,
  type PrinterTargetRuleName,
} from './transport/printer-targets';
export {
  createPrinterService,
  type PrinterService,
  type PrinterServiceOptions,
  type PrintResult,
  type Logger,
} from './printer-service';
export { listSerialPorts, type SerialPortInfo } from './serial-ports';
export {
  startVirtualPrinter,
  findVirtualPrinter,
  VIRTUAL_PRINTER_STATES,
  type VirtualPrinter,
  type VirtualPrinterOptions,
  type VirtualPrinterState,
} from './virtual-printer/virtual-printer';
