/** The desk's ratings panel texts (issue 15): Spanish (es-CO) first, English second. */
import { registerMessages } from '@turnero/web-client/i18n';

registerMessages({
  es: {
    'ratings.title': 'Calificaciones de los clientes',
    'ratings.scope': 'Ver calificaciones',
    'ratings.mine': 'Mías',
    'ratings.office': 'Toda la oficina',
    'ratings.average': 'Promedio',
    'ratings.count': 'Calificaciones',
    'ratings.highShare': 'Satisfechos (4-5)',
    'ratings.none': 'Aún no hay calificaciones.',
    'ratings.loadFailed': 'No se pudieron cargar las calificaciones. Se intentará de nuevo.',
    'ratings.recent': 'Últimos comentarios',
    'ratings.score': 'Calificación',
    'ratings.comment': 'Comentario',
    'ratings.outOf5': '{score} de 5',
  },
  en: {
    'ratings.title': "Customers' ratings",
    'ratings.scope': 'Show ratings',
    'ratings.mine': 'Mine',
    'ratings.office': 'Whole office',
    'ratings.average': 'Average',
    'ratings.count': 'Ratings',
    'ratings.highShare': 'Satisfied (4-5)',
    'ratings.none': 'No ratings yet.',
    'ratings.loadFailed': 'Ratings could not be loaded. Retrying.',
    'ratings.recent': 'Latest comments',
    'ratings.score': 'Rating',
    'ratings.comment': 'Comment',
    'ratings.outOf5': '{score} out of 5',
  },
});
