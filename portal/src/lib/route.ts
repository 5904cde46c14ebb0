/**
 * The portal's pages live in the address's fragment (/portal/#/office/MED-012), so head
 * office serves one static file for all of them and a link in a message opens the right page:
 *   #/                         find an office
 *   #/office/<code>            an office: services, waits, hours
 *   #/book/<office>/<service>  book an appointment
 *   #/booking/<code>           a booking: view, cancel, move (the confirmation message's link)
 *   #/join/<office>/<service>  join today's queue remotely
 *   #/ticket/<publicId>        a remote ticket's live page
 */
export type Route =
  | { view: 'find' }
  | { view: 'office'; office: string }
  | { view: 'book'; office: string; service: string }
  | { view: 'booking'; code: string }
  | { view: 'join'; office: string; service: string }
  | { view: 'ticket'; id: string };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [view, a, b] = parts;
  if (view === 'office' && a) return { view, office: a };
  if ((view === 'book' || view === 'join') && a && b) return { view, office: a, service: b };
  if (view === 'booking' && a) return { view, code: a };
  if (view === 'ticket' && a) return { view, id: a };
  return { view: 'find' };
}

export function routeHref(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.view) {
    case 'find':
      return '#/';
    case 'office':
      return `#/office/${enc(route.office)}`;
    case 'book':
    case 'join':
      return `#/${route.view}/${enc(route.office)}/${enc(route.service)}`;
    case 'booking':
      return `#/booking/${enc(route.code)}`;
    case 'ticket':
      return `#/ticket/${enc(route.id)}`;
  }
}

/** The live page of a remote ticket: the fragment of head office's `url` when it has one, else the ticket's id. */
export function liveTicketHref(created: { ticketId: string; url: string }): string {
  try {
    const hash = new URL(created.url, location.href).hash;
    if (parseRoute(hash).view === 'ticket') return hash;
  } catch {
    // not a URL: fall back to the id
  }
  return routeHref({ view: 'ticket', id: created.ticketId });
}
