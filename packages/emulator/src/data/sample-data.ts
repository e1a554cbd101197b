/**
 * The `sample` data set, as an ImpEx script loaded through the emulator's own importer: catalogs,
 * categories, products (with deliberately awkward values: `&`, `<`, `>`, quotes, commas, newlines,
 * German and Japanese text), customers, orders and cron jobs. Deterministic: no randomness; the cron
 * jobs' times count back from the moment given.
 */
import { formatTimestamp } from './item-store.js';

const ADJECTIVES = ['Classic', 'Compact', 'Deluxe', 'Eco', 'Mini', 'Pro', 'Smart', 'Ultra'];
const NOUNS = ['Camera', 'Kettle', 'Lamp', 'Speaker', 'Backpack', 'Monitor', 'Blender', 'Tripod', 'Charger', 'Headset'];
const CATEGORIES: [code: string, en: string, de: string, parent: string][] = [
  ['electronics', 'Electronics', 'Elektronik', ''],
  ['cameras', 'Cameras', 'Kameras', 'electronics'],
  ['audio', 'Audio', 'Audio', 'electronics'],
  ['home', 'Home & Kitchen', 'Haus & Küche', ''],
  ['kitchen', 'Kitchen', 'Küche', 'home'],
  ['lighting', 'Lighting', 'Beleuchtung', 'home'],
  ['outdoor', 'Outdoor', 'Draußen', ''],
  ['accessories', 'Accessories', 'Zubehör', 'electronics,outdoor'],
];
const NOUN_CATEGORY: Record<string, string> = {
  Camera: 'cameras',
  Kettle: 'kitchen',
  Lamp: 'lighting',
  Speaker: 'audio',
  Backpack: 'outdoor',
  Monitor: 'electronics',
  Blender: 'kitchen',
  Tripod: 'cameras,accessories',
  Charger: 'accessories',
  Headset: 'audio',
};
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Katharina', 'Lukas', 'Mia', 'Noah', 'Olivia', 'Paul', 'Quentin', 'Rosa', 'Sven', 'Yuki'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Tanaka', "O'Brien", 'Dubois', 'Weiß', 'Rossi', 'Suzuki', 'Novak', 'Jensen'];

/**
 * The sample cron jobs: code, job, status, result, active, and start and end as seconds before the
 * data set is opened. A running job started minutes ago, as a freshly started system shows it (HAC's
 * monitor prints `elapsed: 420s`, not the seconds since a date fixed in the data).
 */
const CRON_JOBS: [code: string, job: string, status: string, result: string, active: string, startedAgo: number, endedAgo: number | null, progress: string][] = [
  ['full-electronicsIndex-cronJob', 'solrIndexerJob', 'RUNNING', 'UNKNOWN', '', 7 * 60, null, '42'],
  ['update-electronicsIndex-cronJob', 'solrIndexerJob', 'FINISHED', 'SUCCESS', '', 65 * 60, 65 * 60 - 312, '100'],
  ['cleanUpCronJob', 'cleanUpJob', 'FINISHED', 'FAILURE', '', 120 * 60, 120 * 60 - 3, '100'],
  ['sync electronicsProductCatalog:Staged->Online', 'catalogSyncJob', 'RUNNING', 'UNKNOWN', '', 60, null, '7.5'],
  ['exportCronJob', 'exportJob', 'ABORTED', 'ERROR', 'false', 6 * 3600, 6 * 3600 - 600, ''],
  ['pausedCronJob', 'cleanUpJob', 'PAUSED', 'UNKNOWN', '', 2 * 86400, null, ''],
];

/**
 * The sample cron jobs with their times counted back from `now`. The data set's image is made at build
 * time, so opening it imports these lines again: the times are those of the emulator's start.
 */
export function sampleCronJobsImpex(now: Date): string {
  const at = (secondsAgo: number | null): string => (secondsAgo === null ? '' : formatTimestamp(new Date(now.getTime() - secondsAgo * 1000)));
  const lines = CRON_JOBS.map(([code, job, status, result, active, startedAgo, endedAgo, progress]) =>
    `;${code};${job};${status};${result};${active};${at(startedAgo)};${at(endedAgo)};${progress}`);
  return `INSERT_UPDATE CronJob;code[unique=true];job(code);status(code);result(code);active[default=true];startTime[dateformat=yyyy-MM-dd HH:mm:ss.SSS];endTime[dateformat=yyyy-MM-dd HH:mm:ss.SSS];progress
${lines.join('\n')}
`;
}

const q = (value: string): string => `"${value.replace(/"/g, '""')}"`;

function productLines(): string[] {
  const lines: string[] = [];
  let n = 0;
  for (const noun of NOUNS) {
    for (const adjective of ADJECTIVES) {
      n++;
      const name = `${adjective} ${noun}`;
      const status = n % 7 === 0 ? 'check' : n % 11 === 0 ? 'unapproved' : 'approved';
      const description = q(`The ${name.toLowerCase()} for everyday use.`);
      lines.push(`;HW-${1000 + n};;;${name};${name} (DE);${description};${4006381333900 + n};${status};${NOUN_CATEGORY[noun] ?? ''}`);
    }
  }
  return lines;
}

/** Customer number `i`: `anna.muller@example.com` … */
function customer(i: number): { uid: string; name: string } {
  const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? '';
  const last = LAST_NAMES[i % FIRST_NAMES.length % LAST_NAMES.length] ?? '';
  return { uid: `${first.toLowerCase()}.${last.normalize('NFD').toLowerCase().replace(/[^a-z]/g, '')}@example.com`, name: `${first} ${last}` };
}

function customerLines(): string[] {
  return FIRST_NAMES.map((_, i) => {
    const { uid, name } = customer(i);
    return `;${uid};${q(name)};C${String(100 + i)};${i % 3 === 0 ? 'de' : 'en'};${i % 4 === 3 ? 'USD' : 'EUR'}`;
  });
}

function orderLines(): { orders: string[]; entries: string[] } {
  const orders: string[] = [];
  const entries: string[] = [];
  for (let i = 0; i < 30; i++) {
    const { uid } = customer(i);
    const code = `ORD-${String(500100 + i)}`;
    const count = 1 + (i % 3);
    let total = 0;
    for (let e = 0; e < count; e++) {
      const product = `HW-${String(1001 + ((i * 7 + e * 13) % 80))}`;
      const quantity = 1 + ((i + e) % 4);
      const price = 9.99 + ((i * 3 + e * 5) % 20) * 5;
      total += quantity * price;
      entries.push(`;${code};${e};${product};${quantity};${price.toFixed(2)};${(quantity * price).toFixed(2)}`);
    }
    const day = String(1 + (i % 28)).padStart(2, '0');
    const status = ['CREATED', 'COMPLETED', 'PAYMENT_CAPTURED', 'CANCELLED'][i % 4] ?? 'CREATED';
    orders.push(`;${code};${uid};${i % 4 === 3 ? 'USD' : 'EUR'};${day}.0${1 + (i % 9)}.2024 10:${String(i).padStart(2, '0')}:00;${total.toFixed(2)};${status}`);
  }
  return { orders, entries };
}

export function sampleDataImpex(now: Date): string {
  const { orders, entries } = orderLines();
  return `# Sample data of the HAC emulator
$productCatalog=electronicsProductCatalog
$catalogVersion=catalogVersion(catalog(id[default=$productCatalog]),version[default='Staged'])[unique=true,default=$productCatalog:Staged]
$supercategories=supercategories(code,$catalogVersion)

INSERT_UPDATE Catalog;id[unique=true];name[lang=en];name[lang=de];defaultCatalog
;$productCatalog;Electronics Product Catalog;Elektronik-Produktkatalog;true
;apparelProductCatalog;Apparel Product Catalog;Bekleidungskatalog;false

INSERT_UPDATE CatalogVersion;catalog(id)[unique=true];version[unique=true];active
;$productCatalog;Staged;false
;$productCatalog;Online;true
;apparelProductCatalog;Staged;false
;apparelProductCatalog;Online;true

INSERT_UPDATE Category;code[unique=true];$catalogVersion;name[lang=en];name[lang=de];$supercategories
${CATEGORIES.map(([code, en, de, parent]) => `;${code};;${q(en)};${q(de)};${parent}`).join('\n')}

# Products; descriptions on the next block cover the awkward cases
INSERT_UPDATE Product;code[unique=true];$catalogVersion;unit(code)[default=pieces];name[lang=en];name[lang=de];description[lang=en];ean;approvalStatus(code);$supercategories
${productLines().join('\n')}
;CAF-001;;;"Caffè & Crème <deluxe>";Kaffee & Creme <Deluxe>;"A ""barista"" grade blend; roasted in Trieste.
Second line: 100% Arabica.
Third line with <b>markup</b> & 'quotes'.";8001234567895;approved;kitchen
;CAF-002;;kg;"Beans, roasted, 1kg";"Bohnen, geröstet, 1kg";Whole beans, dark roast;8001234567901;approved;kitchen
;JP-001;;;電気ケトル;Wasserkocher (japanische Ausgabe);日本製の電気ケトル。;4901234567894;approved;kitchen
;DE-001;;;Straßenlaterne;Straßenlaterne „Nostalgie“;Größe: groß – Gewicht: 5 kg;4001234567892;check;lighting,outdoor

INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];name[lang=en];approvalStatus(code)
;HW-1001;$productCatalog:Online;Classic Camera;approved
;HW-1002;$productCatalog:Online;Compact Camera;approved
;CAF-001;$productCatalog:Online;"Caffè & Crème <deluxe>";approved
;APP-001;apparelProductCatalog:Staged;T-Shirt "Basic";approved
;APP-002;apparelProductCatalog:Staged;Jeans <slim>;unapproved

INSERT_UPDATE Customer;uid[unique=true];name;customerID;sessionLanguage(isocode);sessionCurrency(isocode);groups(uid)[default=customergroup]
${customerLines().join('\n')}

INSERT_UPDATE Employee;uid[unique=true];name;groups(uid);loginDisabled
;catalogmanager;Catalog Manager;employeegroup;false
;former.employee;"Former Employee, retired";employeegroup;true

INSERT_UPDATE Order;code[unique=true];user(uid);currency(isocode);date[dateformat=dd.MM.yyyy HH:mm:ss];totalPrice;status(code)
${orders.join('\n')}

INSERT_UPDATE OrderEntry;order(code)[unique=true];entryNumber[unique=true];product(code,$catalogVersion);quantity;basePrice;totalPrice;unit(code)[default=pieces]
${entries.join('\n')}

INSERT_UPDATE Job;code[unique=true];springId;active[default=true]
;solrIndexerJob;solrIndexerJob;
;cleanUpJob;cleanUpJob;
;catalogSyncJob;catalogVersionSyncJob;
;exportJob;impexExportJob;false

${sampleCronJobsImpex(now)}`;
}
