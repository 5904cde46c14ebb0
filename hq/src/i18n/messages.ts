/** The dashboard's texts: Spanish (es-CO) first (messages-es.ts), English second (messages-en.ts). */
import { registerMessages } from '@turnero/web-client/i18n';
import { en } from './messages-en';
import { es } from './messages-es';

export function registerHqMessages(): void {
  registerMessages({ es, en });
}
