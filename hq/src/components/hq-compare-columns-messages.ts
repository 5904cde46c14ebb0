/** Texts of the comparison's column chooser: Spanish (es-CO) first, English second. */
import { registerMessages } from '@turnero/web-client/i18n';

registerMessages({
  es: {
    'cols.button': 'Columnas',
    'cols.legend': 'Columnas de la comparación',
    'cols.reset': 'Columnas predeterminadas',
    'cols.satisfactionAverage': 'Satisfacción (promedio)',
    'cols.satisfactionResponses': 'Satisfacción (respuestas)',
    'cols.selfService': 'Autogestión (transacciones)',
    'col.selfService': 'Autogestión (transacciones)',
  },
  en: {
    'cols.button': 'Columns',
    'cols.legend': 'Columns of the comparison',
    'cols.reset': 'Default columns',
    'cols.satisfactionAverage': 'Satisfaction (average)',
    'cols.satisfactionResponses': 'Satisfaction (responses)',
    'cols.selfService': 'Self-service (transactions)',
    'col.selfService': 'Self-service (transactions)',
  },
});
