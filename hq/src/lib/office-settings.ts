/**
 * Some of the office settings head office may own (ConfigSettings), as the editor's fields: a field
 * left empty stays the office's (it is left out of the body, so the office may change it);
 * one filled in is head office's, read-only at the office.
 */
import type { ConfigSettings } from '@turnero/contract/hq-link';

export type SettingKey = keyof ConfigSettings;

/** In the order the editor shows them, with how each is typed. */
export const SETTING_FIELDS: { key: SettingKey; kind: 'text' | 'number' | 'yesno'; max?: number }[] = [
  { key: 'ticker', kind: 'text', max: 280 },
  { key: 'ticketFooter', kind: 'text', max: 200 },
  { key: 'preferentialPerGeneral', kind: 'number', max: 20 },
  { key: 'overdueFirst', kind: 'yesno' },
  { key: 'consentPolicyVersion', kind: 'text', max: 32 },
];

/**
 * The settings to publish: the ones this editor does not show are kept as they are (the PUT
 * replaces them all), the ones it shows are taken from their fields.
 */
export function settingsFromFields(current: ConfigSettings, field: (name: string) => string): ConfigSettings {
  const settings: Record<string, unknown> = { ...current };
  for (const { key, kind } of SETTING_FIELDS) {
    const text = field(key).trim();
    if (text === '') delete settings[key];
    else settings[key] = kind === 'number' ? Number(text) : kind === 'yesno' ? text === 'yes' : text;
  }
  return settings as ConfigSettings;
}

/** A setting's value as its field shows it ('' when the office owns it). */
export function fieldValue(settings: ConfigSettings, key: SettingKey): string {
  const value = settings[key];
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
