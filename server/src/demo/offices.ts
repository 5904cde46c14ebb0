/**
 * The demo's organisation: the utilities group's companies, their regions and offices.
 * Deterministic from a seed. Names are real towns; sizes, staffing and traffic are made up.
 */
import { Rng } from './prng';

export interface DemoService {
  /** Service code sent to head office (the ticket prefix). */
  code: string;
  nameEs: string;
  nameEn: string;
  targetWaitMinutes: number;
  /** Median service time, seconds (log-normal). */
  serviceMedianSeconds: number;
  /** Share of the office's arrivals. */
  share: number;
}

const DEMO_SERVICES: readonly DemoService[] = [
  { code: 'A', nameEs: 'Pagos y facturación', nameEn: 'Payments and billing', targetWaitMinutes: 10, serviceMedianSeconds: 200, share: 0.4 },
  { code: 'B', nameEs: 'Peticiones, quejas y reclamos', nameEn: 'Requests and complaints', targetWaitMinutes: 20, serviceMedianSeconds: 560, share: 0.2 },
  { code: 'C', nameEs: 'Conexiones y servicios nuevos', nameEn: 'New connections', targetWaitMinutes: 15, serviceMedianSeconds: 660, share: 0.13 },
  { code: 'D', nameEs: 'Asesoría general', nameEn: 'General advice', targetWaitMinutes: 15, serviceMedianSeconds: 330, share: 0.27 },
];

export type OfficeSize = 'small' | 'medium' | 'large';

export interface DemoOffice {
  code: string;
  name: string;
  company: string;
  region: string;
  timeZone: string;
  size: OfficeSize;
  counters: number;
  /** Expected tickets on an ordinary Wednesday. */
  baseDailyTickets: number;
  services: DemoService[];
}

interface CompanyPlan {
  company: string;
  timeZone: string;
  offices: number;
  /** region -> towns; the first town of the first region is the company's main city. */
  regions: Record<string, string[]>;
}

const PLANS: CompanyPlan[] = [
  {
    company: 'EPM',
    timeZone: 'America/Bogota',
    offices: 64,
    regions: {
      'Valle de Aburrá': ['Medellín', 'Bello', 'Itagüí', 'Envigado', 'Sabaneta', 'La Estrella', 'Caldas', 'Copacabana', 'Girardota', 'Barbosa'],
      Oriente: ['Rionegro', 'Marinilla', 'La Ceja', 'El Carmen de Viboral', 'Guarne', 'El Santuario', 'Sonsón'],
      Urabá: ['Apartadó', 'Turbo', 'Carepa', 'Chigorodó', 'Necoclí'],
      Suroeste: ['Andes', 'Jardín', 'Ciudad Bolívar', 'Fredonia', 'Támesis'],
      Norte: ['Yarumal', 'Santa Rosa de Osos', 'Donmatías', 'Valdivia'],
      Occidente: ['Santa Fe de Antioquia', 'Sopetrán', 'Frontino', 'Dabeiba'],
      'Magdalena Medio': ['Puerto Berrío', 'Puerto Nare', 'Yondó'],
      'Bajo Cauca': ['Caucasia', 'El Bagre', 'Zaragoza'],
    },
  },
  {
    company: 'EDEQ',
    timeZone: 'America/Bogota',
    offices: 13,
    regions: {
      'Quindío Norte': ['Armenia', 'Circasia', 'Filandia', 'Salento', 'Quimbaya', 'Montenegro'],
      'Quindío Sur': ['Calarcá', 'La Tebaida', 'Córdoba', 'Buenavista', 'Pijao', 'Génova'],
    },
  },
  {
    company: 'CHEC',
    timeZone: 'America/Bogota',
    offices: 22,
    regions: {
      'Centro-Sur': ['Manizales', 'Villamaría', 'Chinchiná', 'Palestina', 'Neira'],
      'Alto Occidente': ['Riosucio', 'Anserma', 'Supía', 'Marmato', 'Belalcázar'],
      'Magdalena Caldense': ['La Dorada', 'Victoria', 'Norcasia'],
      Risaralda: ['Dosquebradas', 'Santa Rosa de Cabal', 'Marsella', 'Belén de Umbría'],
    },
  },
  {
    company: 'ESSA',
    timeZone: 'America/Bogota',
    offices: 24,
    regions: {
      Metropolitana: ['Bucaramanga', 'Floridablanca', 'Girón', 'Piedecuesta'],
      'Magdalena Medio': ['Barrancabermeja', 'Puerto Wilches', 'Sabana de Torres'],
      Comunera: ['Socorro', 'Simacota', 'Oiba'],
      Guanentá: ['San Gil', 'Barichara', 'Charalá'],
      'García Rovira': ['Málaga', 'Capitanejo'],
      Vélez: ['Vélez', 'Barbosa', 'Puente Nacional'],
    },
  },
  {
    company: 'CENS',
    timeZone: 'America/Bogota',
    offices: 22,
    regions: {
      Metropolitana: ['Cúcuta', 'Villa del Rosario', 'Los Patios', 'El Zulia'],
      Ocaña: ['Ocaña', 'Ábrego', 'Convención', 'Teorama'],
      Pamplona: ['Pamplona', 'Chinácota', 'Toledo'],
      Tibú: ['Tibú', 'Sardinata'],
    },
  },
  { company: 'ENSA', timeZone: 'America/Panama', offices: 2, regions: { Panamá: ['Ciudad de Panamá', 'Colón'] } },
  { company: 'DELSUR', timeZone: 'America/El_Salvador', offices: 2, regions: { 'San Salvador': ['San Salvador', 'Santa Tecla'] } },
  { company: 'ADASA', timeZone: 'America/Santiago', offices: 2, regions: { Antofagasta: ['Antofagasta', 'Calama'] } },
];

const BRANCH_NAMES = ['Centro', 'Norte', 'Sur', 'Oriente', 'Occidente', 'Plaza', 'Estación', 'Terminal', 'Parque', 'Mall'];

const SIZE_FIGURES: Record<OfficeSize, { counters: number; baseDailyTickets: number }> = {
  small: { counters: 3, baseDailyTickets: 130 },
  medium: { counters: 6, baseDailyTickets: 260 },
  large: { counters: 10, baseDailyTickets: 420 },
};

/** The group's offices: 151 by default, spread like the real networks (largest first). */
export function buildDemoOffices(count = 151, seed: number | string = 'turnero'): DemoOffice[] {
  const rng = new Rng(`${seed}:offices`);
  const quotas = companyQuotas(count);
  const offices: DemoOffice[] = [];
  for (const [index, plan] of PLANS.entries()) {
    const quota = quotas[index];
    const towns = Object.entries(plan.regions).flatMap(([region, names]) => names.map((town) => ({ region, town })));
    const branchOf = new Map<string, number>();
    for (let i = 0; i < quota; i++) {
      // Big cities get several branches: walk the town list, then again from the top.
      const { region, town } = towns[i % towns.length];
      const branch = branchOf.get(town) ?? 0;
      branchOf.set(town, branch + 1);
      const isMainCity = i === 0 || town === towns[0].town;
      const size: OfficeSize = isMainCity ? 'large' : i < towns.length / 3 ? 'medium' : rng.chance(0.2) ? 'medium' : 'small';
      // About one office in six is short of staff: that is where waits go past target.
      const understaffed = rng.chance(0.17);
      const figures = SIZE_FIGURES[size];
      const services = size === 'small' && rng.chance(0.4) ? DEMO_SERVICES.filter((s) => s.code !== 'C') : [...DEMO_SERVICES];
      offices.push({
        code: `${plan.company}-${String(i + 1).padStart(3, '0')}`,
        name: branch === 0 ? town : `${town} ${BRANCH_NAMES[branch % BRANCH_NAMES.length]}`,
        company: plan.company,
        region,
        timeZone: plan.timeZone,
        size,
        counters: Math.max(2, figures.counters - (understaffed ? Math.ceil(figures.counters / 4) : 0)),
        baseDailyTickets: Math.round(figures.baseDailyTickets * rng.between(0.8, 1.2)),
        services,
      });
    }
  }
  return offices;
}

/** Each company's number of offices for `count` in all (largest remainder, so they add up). */
function companyQuotas(count: number): number[] {
  const planned = PLANS.reduce((sum, p) => sum + p.offices, 0);
  const exact = PLANS.map((p) => (p.offices * count) / planned);
  const quotas = exact.map(Math.floor);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; quotas.reduce((a, b) => a + b, 0) < count; k++) quotas[byRemainder[k % byRemainder.length].i]++;
  return quotas;
}
