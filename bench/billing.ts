// Benchmark of the pure part of the yearly run on one core: one contribution written as UBL and as Factur-X and read
// back and validated (what each member costs before its deposit), beside the PES Aller of 61 and of 1,000 titles.
// The reference in the same process is the UBL write alone. Prints numbers; asserts nothing.
//
//   npx tsx bench/billing.ts [--count N]
import { readInvoice, validate, writeFacturX, writeUbl } from '../formats/index.ts';
import { computeContribution } from '../src/billing/domain/contribution.ts';
import { contributionInvoice, SYNDICAT_ADDRESS } from '../src/billing/domain/contribution-invoice.ts';
import { DEFAULT_GRID } from '../src/billing/domain/grid.ts';
import type { BillableMember } from '../src/billing/domain/member.ts';
import { buildPesRecette } from '../src/billing/pes/build-pes.ts';
import { encodePes } from '../src/billing/pes/encode-pes.ts';

const countArg = process.argv.indexOf('--count');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 61;

const member: BillableMember = {
  structureId: 'x',
  name: 'CC de Belle Ile en Mer',
  kind: 'epci',
  siren: '245600465',
  siret: '24560046500018',
  population: 5_594,
  joinedOn: '2027-07-01',
  leftOn: null,
  ownAmount: null,
  productCode: 'COTISATION',
  productLabel: 'Contribution statutaire des membres',
  vatRegime: 'HORS_CHAMP',
  serviceCode: null,
  engagementNumber: null,
  serviceCodeRequired: false,
  engagementNumberRequired: false,
  serviceCodeOrEngagementRequired: false,
  services: [],
  paymentDelayDays: 30,
};
const tiers = DEFAULT_GRID.map((t, i) => ({ ...t, id: `t${i}` }));
const issuer = {
  name: 'Syndicat mixte Mégalis Bretagne',
  siren: '253514491',
  siret: '25351449100047',
  ...SYNDICAT_ADDRESS,
};

const result = computeContribution(member, tiers, 2027);
if (result.kind !== 'line') throw new Error('no contribution');
const invoiceOf = (i: number) =>
  contributionInvoice({
    issuer,
    member: { name: member.name, siret: member.siret! },
    number: `COT-2027-${String(i).padStart(5, '0')}`,
    year: 2027,
    issueDate: '2027-01-04',
    dueDate: '2027-02-03',
    productLabel: member.productLabel,
    line: result.line,
  });

let start = performance.now();
for (let i = 1; i <= COUNT; i++) writeUbl(invoiceOf(i));
const ublMs = (performance.now() - start) / COUNT;

start = performance.now();
let fatal = 0;
for (let i = 1; i <= COUNT; i++) {
  const pdf = await writeFacturX(invoiceOf(i));
  const read = await readInvoice(pdf);
  fatal += validate(read, { profile: 'b2g' }).filter((v) => v.severity === 'fatal').length;
}
const facturxMs = (performance.now() - start) / COUNT;

const pesMs = (titles: number) => {
  const begin = performance.now();
  const bytes = encodePes(
    buildPesRecette(
      { siret: issuer.siret, idPost: '035000', codCol: '001', codBud: '01', label: issuer.name },
      {
        nomFic: 'PESALR2_25351449100047_COT2027_B001',
        year: 2027,
        bordereau: 1,
        date: '2027-01-04',
        object: 'Contributions 2027 des membres',
        titles: Array.from({ length: titles }, (_, i) => ({
          pieceNumber: i + 1,
          invoiceNumber: `COT-2027-${String(i + 1).padStart(5, '0')}`,
          object: `Contribution 2027 ${member.name}`,
          productCode: 'COTISATION',
          account: '74758',
          amount: result.line.amount,
          vatAmount: '0.00',
          serviceCode: null,
          engagementNumber: null,
          debtor: { siret: member.siret!, name: member.name },
        })),
      },
    ),
  );
  return { ms: performance.now() - begin, kb: bytes.length / 1024 };
};
const pes61 = pesMs(61);
const pes1000 = pesMs(1000);

console.log(
  `contribution ${result.line.amount} € (${result.line.billedDays}/${result.line.yearDays} days), ${COUNT} invoices`,
);
console.log(`UBL write (reference): ${ublMs.toFixed(2)} ms per invoice`);
console.log(
  `Factur-X write + read + validate: ${facturxMs.toFixed(1)} ms per invoice (${(facturxMs / ublMs).toFixed(0)}× the UBL write), fatal findings ${fatal}`,
);
console.log(
  `PES Aller: 61 titles ${pes61.ms.toFixed(1)} ms (${pes61.kb.toFixed(0)} KB), 1,000 titles ${pes1000.ms.toFixed(1)} ms (${pes1000.kb.toFixed(0)} KB)`,
);
