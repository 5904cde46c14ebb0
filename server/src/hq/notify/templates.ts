/**
 * The messages' wording: Spanish (es-CO) first, English second, with the group's and then a
 * company's overrides over the defaults. A template names its values as {name}; a line whose
 * value is missing is left out (a booking without a portal link simply has no link line).
 * There is no placeholder for an ID number, and enqueue drops such values before they are
 * stored (notifier.ts): a message never carries one.
 */
import type { NotificationTemplate } from './types';
import type { TemplateOverride, TemplateSet } from './settings';

export type Locale = 'es-CO' | 'en';
export type TemplateValues = Record<string, string | number | null>;

export interface RenderedMessage {
  subject: string;
  text: string;
  /** The values after derivation (`when`, `time`, `serviceName` in the locale), for positional templates. */
  values: Record<string, string>;
}

const DEFAULTS: Record<NotificationTemplate, Record<Locale, TemplateOverride>> = {
  booking_confirmation: {
    'es-CO': {
      subject: 'Cita confirmada en {officeName}',
      text: [
        'Su cita para {serviceName} en {officeName} quedó confirmada para el {when}.',
        'Código de la cita: {code}. Muéstrelo (o su código QR) al llegar.',
        'Para ver, cambiar o cancelar la cita: {manageUrl}',
      ].join('\n'),
    },
    en: {
      subject: 'Appointment confirmed at {officeName}',
      text: [
        'Your appointment for {serviceName} at {officeName} is confirmed for {when}.',
        'Appointment code: {code}. Show it (or its QR code) when you arrive.',
        'To see, move or cancel it: {manageUrl}',
      ].join('\n'),
    },
  },
  booking_reminder_day: {
    'es-CO': {
      subject: 'Recordatorio: su cita en {officeName}',
      text: [
        'Le recordamos su cita para {serviceName} en {officeName} el {when}.',
        'Código de la cita: {code}.',
        'Si no puede asistir, cancele la cita aquí: {manageUrl}',
      ].join('\n'),
    },
    en: {
      subject: 'Reminder: your appointment at {officeName}',
      text: [
        'A reminder of your appointment for {serviceName} at {officeName} on {when}.',
        'Appointment code: {code}.',
        'If you cannot come, cancel it here: {manageUrl}',
      ].join('\n'),
    },
  },
  booking_reminder_hour: {
    'es-CO': {
      subject: 'Su cita en {officeName} es a las {time}',
      text: ['Su cita para {serviceName} en {officeName} es hoy a las {time}.', 'Código de la cita: {code}.'].join('\n'),
    },
    en: {
      subject: 'Your appointment at {officeName} is at {time}',
      text: ['Your appointment for {serviceName} at {officeName} is today at {time}.', 'Appointment code: {code}.'].join('\n'),
    },
  },
  booking_cancelled: {
    'es-CO': {
      subject: 'Cita cancelada en {officeName}',
      text: 'Su cita para {serviceName} en {officeName} del {when} fue cancelada.',
    },
    en: {
      subject: 'Appointment cancelled at {officeName}',
      text: 'Your appointment for {serviceName} at {officeName} on {when} was cancelled.',
    },
  },
  remote_next: {
    'es-CO': {
      subject: 'Faltan {position} turnos para el suyo',
      text: [
        'Faltan {position} turnos para su turno {code} en {officeName}.',
        'Tiempo estimado: unos {estimatedWaitMinutes} minutos.',
        'Acérquese a la oficina. Siga su turno aquí: {ticketUrl}',
      ].join('\n'),
      one: {
        subject: 'Falta 1 turno para el suyo',
        text: [
          'Falta 1 turno para su turno {code} en {officeName}.',
          'Tiempo estimado: unos {estimatedWaitMinutes} minutos.',
          'Acérquese a la oficina. Siga su turno aquí: {ticketUrl}',
        ].join('\n'),
      },
      zero: {
        subject: 'Su turno es el siguiente',
        text: ['Su turno {code} en {officeName} es el siguiente.', 'Siga su turno aquí: {ticketUrl}'].join('\n'),
      },
    },
    en: {
      subject: '{position} tickets before yours',
      text: [
        '{position} tickets before your ticket {code} at {officeName}.',
        'Estimated wait: about {estimatedWaitMinutes} minutes.',
        'Please head to the office. Follow your ticket here: {ticketUrl}',
      ].join('\n'),
      one: {
        subject: '1 ticket before yours',
        text: [
          '1 ticket before your ticket {code} at {officeName}.',
          'Estimated wait: about {estimatedWaitMinutes} minutes.',
          'Please head to the office. Follow your ticket here: {ticketUrl}',
        ].join('\n'),
      },
      zero: {
        subject: 'You are next',
        text: ['Your ticket {code} at {officeName} is next.', 'Follow your ticket here: {ticketUrl}'].join('\n'),
      },
    },
  },
  remote_called: {
    'es-CO': {
      subject: 'Es su turno en {counter}',
      text: 'Es su turno {code} en {counter} de {officeName}.',
    },
    en: {
      subject: 'It is your turn at {counter}',
      text: 'It is your turn, {code}: please go to {counter} at {officeName}.',
    },
  },
};

/** The wording that applies: the company's, else the group's, else the default. */
export function pickTemplate(
  template: NotificationTemplate,
  locale: Locale,
  company: string | null,
  overrides: { group: TemplateSet; companies: Record<string, TemplateSet> },
): TemplateOverride {
  return (
    (company ? overrides.companies[company]?.[template]?.[locale] : undefined) ??
    overrides.group[template]?.[locale] ??
    DEFAULTS[template][locale]
  );
}

/** Fills the template: the position's wording variant, then the values. */
export function renderTemplate(wording: TemplateOverride, locale: Locale, params: TemplateValues): RenderedMessage {
  const values = deriveValues(locale, params);
  const variant = params.position === 0 ? wording.zero : params.position === 1 ? wording.one : undefined;
  const chosen = variant ?? wording;
  return {
    subject: fill(chosen.subject, values, false),
    text: fill(chosen.text, values, true),
    values,
  };
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** Missing values: the line goes in the body, the placeholder becomes empty in the subject. */
function fill(text: string, values: Record<string, string>, dropLines: boolean): string {
  const lines = text.split('\n').filter((line) => !dropLines || [...line.matchAll(PLACEHOLDER)].every((m) => values[m[1]] !== undefined));
  return lines
    .map((line) => line.replace(PLACEHOLDER, (_, name: string) => values[name] ?? ''))
    .join('\n')
    .trim();
}

/** Values as text, plus the slot's date and time written for the reader in the office's zone. */
function deriveValues(locale: Locale, params: TemplateValues): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') values[k] = String(v);
  const timeZone = values.timeZone ?? 'America/Bogota';
  if (values.start && !values.when) {
    const start = new Date(values.start);
    if (!Number.isNaN(start.getTime())) {
      values.when = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(start);
      values.time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(start);
    }
  }
  if (locale === 'en' && values.serviceNameEn) values.serviceName = values.serviceNameEn;
  if (values.counterName && !values.counter) values.counter = counterPhrase(locale, values.counterName);
  return values;
}

const BARE_COUNTER = /^[A-Z]?[0-9]{1,3}[A-Z]?$/i;
const MODULE_WORD = /^(?:m[oó]dulo|modulo|counter)\s+(.+)$/i;

/**
 * Offices name counters "3", "Módulo 3" or "Ventanilla 2": a number or "Módulo N" reads as
 * "el módulo N" / "counter N"; any other name is used as it is.
 */
function counterPhrase(locale: Locale, name: string): string {
  const trimmed = name.trim();
  const n = BARE_COUNTER.test(trimmed) ? trimmed : MODULE_WORD.exec(trimmed)?.[1];
  if (n === undefined) return trimmed;
  return locale === 'en' ? `counter ${n}` : `el módulo ${n}`;
}
