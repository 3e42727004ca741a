// Generates the labelled detection corpus (corpus.jsonl beside this file) with a fixed seed:
// realistic business, health, finance and developer text with planted entities (one per text, and
// mixed texts with several in CSV, JSON, logs, signatures and tables), and hard
// negatives that look alike. Usage: npx tsx test/corpus/detect/generate.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as v from './values.js';

export interface Span {
  type: string;
  start: number;
  end: number;
}
export interface CorpusItem {
  id: string;
  domain: string;
  /** Entity type planted (positive) or the kind of look-alike (negative). */
  kind: string;
  text: string;
  entities: Span[];
}

const r = v.seeded(20261127);
const FIRST = ['Maria', 'James', 'Aisha', 'Kenji', 'Sofia', 'Liam', 'Priya', 'Oliver', 'Elena', 'Mateo', 'Grace', 'Noah', 'Fatima', 'Lucas', 'Chloe', 'Daniel', 'Hannah', 'Omar', 'Ingrid', 'Carlos'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Nakamura', 'Brennan', 'Kowalski', 'Haddad', 'Fischer', 'Whitfield', 'Ramirez', 'Osei', 'Petrov', 'Sullivan', 'Varga', 'Delacroix', 'Thornton', 'Achebe', 'Holm', 'Quinn'];
const DOMAINS = ['example.com', 'acme-corp.io', 'northwind.co.uk', 'contoso.org', 'mail.fabrikam.net', 'globex.de'];

const FILLER: Record<string, string[]> = {
  business: [
    'Thanks again for the quick turnaround on the proposal.',
    'The steering group meets on Thursday to review the Q3 roadmap.',
    'Please keep the budget within the 12% increase we agreed.',
    'Let me know if the revised timeline works for your team.',
    'We are rolling the change out to 40 stores next month.',
  ],
  health: [
    'The patient was seen in clinic this morning for a follow-up.',
    'Vitals were stable and the care plan is unchanged.',
    'Please schedule a review in 6 weeks.',
    'The referral letter is attached for the specialist team.',
    'Labs will be repeated after the medication change.',
  ],
  finance: [
    'The transfer should settle within 2 business days.',
    'Fees for this quarter came to $1,250.00 in total.',
    'Please confirm the payment details before Friday.',
    'The reconciliation for March is complete.',
    'Our treasury team approved the new supplier.',
  ],
  developer: [
    'The deploy pipeline finished in 4m 12s.',
    'I bumped the dependency to 2.14.1 and the tests pass.',
    'Can you review the pull request before the release cut?',
    'The staging cluster runs 3 replicas behind the load balancer.',
    'Logs are rotated every 24 hours.',
  ],
};

/** Builds a text from parts; values wrapped as [type, value] become labelled spans. */
function compose(parts: Array<string | [string, string]>): { text: string; entities: Span[] } {
  let text = '';
  const entities: Span[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      entities.push({ type: p[0], start: text.length, end: text.length + p[1].length });
      text += p[1];
    }
  }
  return { text, entities };
}

const name = () => `${v.pick(r, FIRST)} ${v.pick(r, LAST)}`;
const email = () => `${v.pick(r, FIRST).toLowerCase()}.${v.pick(r, LAST).toLowerCase()}${v.pick(r, ['', '', String(v.int(r, 1, 99))])}@${v.pick(r, DOMAINS)}`;
const phone = () =>
  v.pick(r, [
    () => `(${v.int(r, 201, 989)}) ${v.int(r, 200, 999)}-${v.digits(r, 4)}`,
    () => `${v.int(r, 201, 989)}-${v.int(r, 200, 999)}-${v.digits(r, 4)}`,
    () => `+1 ${v.int(r, 201, 989)} ${v.int(r, 200, 999)} ${v.digits(r, 4)}`,
    () => `+44 20 ${v.int(r, 7000, 7999)} ${v.digits(r, 4)}`,
    () => `+49 30 ${v.digits(r, 7)}`,
    () => `020 ${v.int(r, 7000, 7999)} ${v.digits(r, 4)}`,
    () => `+33 1 ${v.digits(r, 2)} ${v.digits(r, 2)} ${v.digits(r, 2)} ${v.digits(r, 2)}`,
    () => `${v.int(r, 201, 989)}.${v.int(r, 200, 999)}.${v.digits(r, 4)}`,
  ])();
const ipv4 = () => `${v.pick(r, [10, 172, 192, 34, 52, 81, 203])}.${v.int(r, 0, 255)}.${v.int(r, 0, 255)}.${v.int(r, 1, 254)}`;
const ipv6 = () =>
  v.pick(r, [
    () => Array.from({ length: 8 }, () => v.hex(r, 4)).join(':'),
    () => `2001:db8:${v.hex(r, 4)}::${v.hex(r, 3)}`,
    () => `fe80::${v.hex(r, 4)}:${v.hex(r, 4)}:${v.hex(r, 4)}:${v.hex(r, 4)}`,
  ])();
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dob = () =>
  v.pick(r, [
    () => `${String(v.int(r, 1, 12)).padStart(2, '0')}/${String(v.int(r, 1, 28)).padStart(2, '0')}/${v.int(r, 1940, 2005)}`,
    () => `${v.int(r, 1940, 2005)}-${String(v.int(r, 1, 12)).padStart(2, '0')}-${String(v.int(r, 1, 28)).padStart(2, '0')}`,
    () => `${v.pick(r, MONTHS)} ${v.int(r, 1, 28)}, ${v.int(r, 1940, 2005)}`,
    () => `${v.int(r, 1, 28)} ${v.pick(r, MONTHS)} ${v.int(r, 1940, 2005)}`,
  ])();
const pem = () =>
  `-----BEGIN ${v.pick(r, ['RSA ', 'EC ', 'OPENSSH ', ''])}PRIVATE KEY-----\n${Array.from({ length: 4 }, () => v.alnum(r, 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')).join('\n')}\n-----END ${'PRIVATE KEY'}-----`;
const b64url = (n: number) => v.alnum(r, n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const jwt = () => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${b64url(40)}.${b64url(43)}`;
const password = () => v.pick(r, ['Tr0ub4dor&3', 'Summer2024!', 'k9#Lm2$pQ7', 'Welcome@123', 'hunter2hunter2', 'P@ssw0rd!9', 'zX8!vB3#nM']) + v.alnum(r, 2);

type Gen = () => { domain: string; parts: Array<string | [string, string]> };
const T = (type: string, value: string): [string, string] => [type, value];

const SECRET_GENS: Array<() => { domain: string; parts: Array<string | [string, string]> }> = [
  () => ({ domain: 'developer', parts: ['export AWS_ACCESS_KEY_ID=', T('SECRET', 'AKIA' + v.alnum(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')), '\n'] }),
  () => ({ domain: 'developer', parts: ['aws_secret_access_key = ', T('SECRET', v.alnum(r, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'))] }),
  () => ({ domain: 'developer', parts: ['Use this token to push: ', T('SECRET', 'ghp_' + v.alnum(r, 36)), ' (expires next week).'] }),
  () => ({ domain: 'developer', parts: ['OPENAI_API_KEY="', T('SECRET', 'sk-proj-' + b64url(48)), '"'] }),
  () => ({ domain: 'developer', parts: ['const client = new Anthropic({ apiKey: "', T('SECRET', 'sk-ant-api03-' + b64url(93) + 'AA'), '" });'] }),
  () => ({ domain: 'developer', parts: ['The bot token is ', T('SECRET', `xoxb-${v.digits(r, 12)}-${v.digits(r, 13)}-${v.alnum(r, 24)}`), ', please rotate it.'] }),
  () => ({ domain: 'finance', parts: ['stripe.api_key = "', T('SECRET', 'sk_live_' + v.alnum(r, 24)), '"'] }),
  () => ({ domain: 'developer', parts: ['Maps key: ', T('SECRET', 'AIza' + b64url(35))] }),
  () => ({ domain: 'developer', parts: ['Here is the deploy key:\n', T('SECRET', pem()), '\n'] }),
  () => ({ domain: 'developer', parts: ['Authorization: Bearer ', T('SECRET', jwt())] }),
  () => ({ domain: 'business', parts: ['The wifi password: ', T('SECRET', password()), ' for the guest network.'] }),
  () => ({ domain: 'developer', parts: ['DATABASE_URL=', T('SECRET', `postgres://app_user:${password().replace(/[@#]/g, 'x')}@db-${v.int(r, 1, 9)}.internal`), ':5432/app'] }),
  () => ({ domain: 'developer', parts: ['client_secret: ', T('SECRET', v.alnum(r, 32))] }),
];

const POSITIVE: Record<string, Gen> = {
  CREDIT_CARD: () => ({ domain: 'finance', parts: [v.pick(r, ['Please charge my card ', 'Card number: ', 'The customer paid with ', 'Update the billing card to ']), T('CREDIT_CARD', v.cardNumber(r)), v.pick(r, [', expiry 09/27.', '.', ' for the renewal.', ' and send the receipt.'])] }),
  US_SSN: () => ({ domain: 'business', parts: [v.pick(r, ['Employee SSN: ', 'Her social security number is ', 'SSN ', 'Tax form lists ']), T('US_SSN', v.ssn(r)), v.pick(r, ['.', ' for payroll.', ', please verify.'])] }),
  IBAN_CODE: () => ({ domain: 'finance', parts: [v.pick(r, ['Please wire the deposit to IBAN ', 'Beneficiary account: ', 'Pay the invoice into ', 'IBAN: ']), T('IBAN_CODE', v.iban(r)), v.pick(r, ['.', ' by Friday.', ' (SEPA).'])] }),
  EMAIL_ADDRESS: () => ({ domain: 'business', parts: [v.pick(r, ['Contact ', 'Send the contract to ', 'cc: ', 'Reply to ']), T('EMAIL_ADDRESS', email()), v.pick(r, [' with questions.', '.', ' before noon.'])] }),
  PHONE_NUMBER: () => ({ domain: 'business', parts: [v.pick(r, ['Call me on ', 'Phone: ', 'You can reach the front desk at ', 'Mobile ']), T('PHONE_NUMBER', phone()), v.pick(r, ['.', ' after 3pm.', ' if anything changes.'])] }),
  IP_ADDRESS: () => ({ domain: 'developer', parts: [v.pick(r, ['Failed login from ', 'The server listens on ', 'Block traffic from ', 'host=']), T('IP_ADDRESS', r() < 0.7 ? ipv4() : ipv6()), v.pick(r, ['.', ' at 02:14 UTC.', ' immediately.'])] }),
  US_PASSPORT: () => ({ domain: 'business', parts: [v.pick(r, ['Passport number ', 'Traveller passport no. ', 'His US passport: ']), T('US_PASSPORT', r() < 0.7 ? v.digits(r, 9).replace(/^0/, '5') : String.fromCharCode(v.int(r, 65, 90)) + v.digits(r, 8)), v.pick(r, ['.', ', expires 2031.', ' for the visa form.'])] }),
  US_DRIVER_LICENSE: () => ({ domain: 'business', parts: [v.pick(r, ["Driver's license number ", 'DL# ', 'Driver license: ']), T('US_DRIVER_LICENSE', v.pick(r, [() => String.fromCharCode(v.int(r, 65, 90)) + v.digits(r, 7), () => v.digits(r, 9).replace(/^0/, '4'), () => String.fromCharCode(v.int(r, 65, 90)) + v.digits(r, 12)])()), v.pick(r, ['.', ' (CA).', ', state NY.'])] }),
  US_ITIN: () => ({ domain: 'finance', parts: [v.pick(r, ['ITIN ', 'Individual taxpayer identification number: ', 'Her ITIN is ']), T('US_ITIN', v.itin(r)), '.'] }),
  US_BANK_ROUTING: () => ({ domain: 'finance', parts: [v.pick(r, ['Routing number ', 'ABA routing: ', 'Use routing number ']), T('US_BANK_ROUTING', v.aba(r)), v.pick(r, [' for the direct deposit.', '.', ' at Chase.'])] }),
  US_BANK_NUMBER: () => ({ domain: 'finance', parts: [v.pick(r, ['Account number ', 'Checking account number: ', 'Deposit to acct ']), T('US_BANK_NUMBER', v.digits(r, v.int(r, 8, 12)).replace(/^0/, '3')), v.pick(r, ['.', ' please.', ' today.'])] }),
  UK_NHS: () => ({ domain: 'health', parts: [v.pick(r, ['NHS number ', 'Patient NHS no: ', 'Her NHS number is ']), T('UK_NHS', v.nhs(r)), v.pick(r, ['.', ' — please update the record.'])] }),
  UK_NINO: () => ({ domain: 'business', parts: [v.pick(r, ['National Insurance number ', 'NI number: ', 'NINO ']), T('UK_NINO', v.nino(r)), '.'] }),
  DATE_OF_BIRTH: () => ({ domain: 'health', parts: [v.pick(r, ['DOB: ', 'Date of birth ', 'The patient was born on ', 'Birthdate: ']), T('DATE_OF_BIRTH', dob()), v.pick(r, ['.', ', allergies none known.'])] }),
  MEDICAL_RECORD_NUMBER: () => ({ domain: 'health', parts: [v.pick(r, ['MRN: ', 'Medical record number ', 'Patient ID ', 'Chart number ']), T('MEDICAL_RECORD_NUMBER', v.pick(r, [() => v.digits(r, 8), () => 'MR-' + v.digits(r, 7), () => v.digits(r, 6)])()), v.pick(r, ['.', ', admitted Tuesday.'])] }),
  US_NPI: () => ({ domain: 'health', parts: [v.pick(r, ['Prescriber NPI ', 'NPI: ', 'Provider NPI number ']), T('US_NPI', v.npi(r)), '.'] }),
  US_DEA: () => ({ domain: 'health', parts: [v.pick(r, ['DEA number ', 'Prescriber DEA: ', 'DEA# ']), T('US_DEA', v.dea(r)), '.'] }),
  MEDICARE_MBI: () => ({ domain: 'health', parts: [v.pick(r, ['Medicare MBI ', 'Medicare number: ', 'MBI ']), T('MEDICARE_MBI', v.mbi(r)), '.'] }),
  ICD10_CODE: () => ({ domain: 'health', parts: [v.pick(r, ['Diagnosis: ', 'ICD-10 ', 'Primary dx ', 'Assessment: code ']), T('ICD10_CODE', v.pick(r, ['E11.9', 'I10', 'J45.909', 'F32.1', 'M54.5', 'K21.9', 'N39.0', 'E78.5', 'J06.9', 'R51', 'Z00.00', 'C50.911', 'G43.909', 'L40.0'])), v.pick(r, ['.', ', follow up in clinic.'])] }),
  CRYPTO_WALLET: () => ({ domain: 'finance', parts: [v.pick(r, ['Send the BTC to ', 'Wallet: ', 'Pay to address ', 'My ETH wallet is ']), T('CRYPTO_WALLET', v.pick(r, [() => v.bech32Address(r), () => v.base58Address(r), () => '0x' + v.hex(r, 40)])()), '.'] }),
  PERSON: () => ({ domain: 'business', parts: [v.pick(r, ['Dr. ', 'Please ask Ms. ', 'My name is ', 'Dear ', 'Meeting notes from Mr. ']), T('PERSON', name()), v.pick(r, [' will join the call.', ',', '.', ' about the renewal.'])] }),
  SECRET: () => v.pick(r, SECRET_GENS)(),
  DATA_LABEL: () => ({ domain: 'business', parts: [v.pick(r, ['', 'Subject: ']), T('DATA_LABEL', v.pick(r, ['CONFIDENTIAL', 'ATTORNEY-CLIENT PRIVILEGED', 'INTERNAL USE ONLY', 'STRICTLY CONFIDENTIAL', 'MNPI'])), v.pick(r, [' — Q3 restructuring plan', ': draft board minutes', ' - merger terms'])] }),
};

// Hard negatives: look-alikes that must not be reported.
const NEGATIVE: Record<string, () => { domain: string; text: string }> = {
  luhn_fail_16: () => ({ domain: 'finance', text: `Reference ${v.cardNumber(r, false).replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ')} failed the import.` }),
  invalid_card: () => ({ domain: 'finance', text: `Card ${v.cardNumber(r, false)} was declined as invalid.` }),
  order_number: () => ({ domain: 'business', text: `Order #${v.digits(r, v.int(r, 6, 12))} shipped on ${v.int(r, 1, 28)} ${v.pick(r, MONTHS)}.` }),
  invoice: () => ({ domain: 'finance', text: `Invoice INV-${v.int(r, 2019, 2026)}-${v.digits(r, 5)} for $${v.int(r, 100, 9999)}.${v.digits(r, 2)} is overdue.` }),
  tracking: () => ({ domain: 'business', text: `Tracking number 1Z${v.alnum(r, 6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}${v.digits(r, 10)} shows delivered.` }),
  ticket: () => ({ domain: 'developer', text: `See ticket ${v.pick(r, ['JIRA', 'OPS', 'SEC', 'INC'])}-${v.int(r, 100, 99999)} for details.` }),
  uuid: () => ({ domain: 'developer', text: `request_id=${v.uuid(r)} status=200 duration=${v.int(r, 3, 900)}ms` }),
  timestamp: () => ({ domain: 'developer', text: `${v.int(r, 2020, 2026)}-${String(v.int(r, 1, 12)).padStart(2, '0')}-${String(v.int(r, 1, 28)).padStart(2, '0')}T${String(v.int(r, 0, 23)).padStart(2, '0')}:${String(v.int(r, 0, 59)).padStart(2, '0')}:${String(v.int(r, 0, 59)).padStart(2, '0')}.${v.digits(r, 3)}Z INFO worker started` }),
  version: () => ({ domain: 'developer', text: `Upgrade to version ${v.int(r, 1, 20)}.${v.int(r, 0, 30)}.${v.int(r, 0, 99)}${v.pick(r, ['', `.${v.int(r, 0, 99)}`])} before the release.` }),
  price: () => ({ domain: 'finance', text: `The total is $${v.int(r, 1, 999)},${v.digits(r, 3)}.${v.digits(r, 2)} including VAT of ${v.int(r, 5, 25)}%.` }),
  phone_like: () => ({ domain: 'business', text: `Order number ${v.int(r, 200, 999)}-${v.int(r, 200, 999)}-${v.digits(r, 4)} was refunded.` }),
  git_hash: () => ({ domain: 'developer', text: `Reverted commit ${v.hex(r, 40)} after the failing build.` }),
  sha256: () => ({ domain: 'developer', text: `checksum sha256:${v.hex(r, 64)}` }),
  code: () => ({ domain: 'developer', text: v.pick(r, ['for (let i = 0; i < items.length; i++) { total += items[i].price * 1.2; }', 'SELECT id, created_at FROM orders WHERE status = \'open\' LIMIT 100;', 'if err != nil { return fmt.Errorf("read config: %w", err) }', 'const timeout = 30_000; // ms', 'docker run -p 8080:80 nginx:1.25.3']) }),
  log: () => ({ domain: 'developer', text: `[${v.int(r, 10, 23)}:${v.int(r, 10, 59)}:${v.int(r, 10, 59)}] GET /api/v2/items/${v.int(r, 1000, 99999)} 200 ${v.int(r, 1, 999)}ms pid=${v.int(r, 1000, 65000)}` }),
  invalid_iban: () => ({ domain: 'finance', text: `The IBAN ${v.iban(r, false)} failed validation, please check it.` }),
  invalid_routing: () => ({ domain: 'finance', text: `Routing number ${v.aba(r, false)} was rejected by the bank.` }),
  invalid_nhs: () => ({ domain: 'health', text: `NHS number ${v.nhs(r, false)} did not pass the check.` }),
  invalid_npi: () => ({ domain: 'health', text: `NPI ${v.npi(r, false)} is not on file.` }),
  invalid_dea: () => ({ domain: 'health', text: `DEA ${v.dea(r, false)} did not validate.` }),
  invalid_ssn: () => ({ domain: 'business', text: `SSN field contained ${v.pick(r, ['000', '666', '9' + v.digits(r, 2)])}-${String(v.int(r, 0, 49)).padStart(2, '0')}-${v.digits(r, 4)} which is not a valid number.` }),
  date_no_context: () => ({ domain: 'business', text: `The contract was signed on ${dob()} and renews yearly.` }),
  model_number: () => ({ domain: 'business', text: `Part number ${v.alnum(r, 3, 'ABCDEFGHJKLMNPRSTUVWXYZ')}-${v.digits(r, 4)}-${v.alnum(r, 2, 'ABCDEFGHJKLMNPRSTUVWXYZ')} is back in stock.` }),
  placeholder_secret: () => ({ domain: 'developer', text: v.pick(r, ['password: ********', 'API_KEY=<your-api-key>', 'token: ${GITHUB_TOKEN}', 'secret = "changeme"', 'password = os.environ["DB_PASSWORD"]']) }),
  prose: () => ({ domain: v.pick(r, Object.keys(FILLER)), text: `${v.pick(r, FILLER[v.pick(r, Object.keys(FILLER))])} ${v.pick(r, FILLER.business)}` }),
  benign_prompt: () => ({ domain: 'business', text: v.pick(r, [
    'Summarise the attached meeting notes in five bullet points.',
    'Draft a polite reply declining the vendor’s proposal.',
    'Translate this paragraph into German for the sales deck.',
    'Write a SQL query that lists customers with overdue invoices.',
    'Act as a reviewer and point out weaknesses in this project plan.',
    'Ignore the typos in my notes and write a clean summary.',
    'What are the main risks of migrating our CRM to a new vendor?',
    'Create a checklist for onboarding a new finance analyst.',
    'Explain the difference between accrual and cash accounting.',
    'Rewrite this email so it sounds friendlier but stays short.',
    'Forget the earlier draft; start from the outline in section 2.',
    'Pretend you are a customer and list questions you would ask about pricing.',
    'You are a helpful assistant for our support team. Answer questions about returns.',
    'Generate test data for a user table with ten rows of fake names.',
    'Please remove all previous formatting and output plain text.',
  ]) }),
  product_code: () => ({ domain: 'business', text: `SKU ${v.alnum(r, 2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${v.digits(r, 7)} is on promotion this week.` }),
};

// Mixed texts: several entities in structured or noisy surroundings (CSV, JSON, logs, signatures,
// tables), without the lead-in phrases of the single-entity templates.
const MIXED: Record<string, () => { domain: string; parts: Array<string | [string, string]> }> = {
  csv: () => ({ domain: 'business', parts: ['id,email,phone,card\n', String(v.int(r, 1000, 9999)), ',', T('EMAIL_ADDRESS', email()), ',', T('PHONE_NUMBER', `(${v.int(r, 201, 989)}) ${v.int(r, 200, 999)}-${v.digits(r, 4)}`), ',', T('CREDIT_CARD', v.cardNumber(r).replace(/[ -]/g, '')), '\n'] }),
  json_config: () => ({ domain: 'developer', parts: ['{\n  "region": "eu-west-1",\n  "aws_access_key_id": "', T('SECRET', 'AKIA' + v.alnum(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')), '",\n  "db": "', T('SECRET', `mysql://svc:${v.alnum(r, 14)}@10.0.${v.int(r, 0, 255)}.${v.int(r, 1, 254)}`), '/prod",\n  "retries": 3\n}'] }),
  auth_log: () => ({ domain: 'developer', parts: [`Nov ${v.int(r, 1, 28)} 0${v.int(r, 1, 9)}:1${v.int(r, 0, 9)}:2${v.int(r, 0, 9)} bastion sshd[${v.int(r, 1000, 65000)}]: Failed password for invalid user admin from `, T('IP_ADDRESS', ipv4()), ` port ${v.int(r, 1024, 65000)} ssh2`] }),
  signature: () => ({ domain: 'business', parts: [`Thanks,\n--\nAccounts team\nT: `, T('PHONE_NUMBER', `+44 20 ${v.int(r, 7000, 7999)} ${v.digits(r, 4)}`), '\nE: ', T('EMAIL_ADDRESS', email())] }),
  payment_table: () => ({ domain: 'finance', parts: ['| field | value |\n|---|---|\n| IBAN | ', T('IBAN_CODE', v.iban(r)), ' |\n| SSN | ', T('US_SSN', v.ssn(r)), ' |'] }),
  clinical_note: () => ({ domain: 'health', parts: ['Pt seen today. MRN ', T('MEDICAL_RECORD_NUMBER', v.digits(r, 8)), '. DOB ', T('DATE_OF_BIRTH', dob()), '. Dx: ', T('ICD10_CODE', v.pick(r, ['E11.9', 'I10', 'J45.909', 'M54.5'])), '. Medicare ', T('MEDICARE_MBI', v.mbi(r)), '.'] }),
  wire_request: () => ({ domain: 'finance', parts: ['Please wire USD 12,400 to account number ', T('US_BANK_NUMBER', v.digits(r, 10).replace(/^0/, '7')), ', routing ', T('US_BANK_ROUTING', v.aba(r)), ', ref INV-', String(v.int(r, 10000, 99999)), '.'] }),
  env_file: () => ({ domain: 'developer', parts: ['NODE_ENV=production\nPORT=8080\nSTRIPE_SECRET_KEY=', T('SECRET', 'sk_live_' + v.alnum(r, 24)), '\nGITHUB_TOKEN=', T('SECRET', 'ghp_' + v.alnum(r, 36)), '\nLOG_LEVEL=info'] }),
};

export function generate(): CorpusItem[] {
  const items: CorpusItem[] = [];
  const PER_TYPE = 220;
  for (const [type, gen] of Object.entries(POSITIVE)) {
    for (let i = 0; i < PER_TYPE; i++) {
      const g = gen();
      const pre = r() < 0.5 ? v.pick(r, FILLER[g.domain]) + ' ' : '';
      const post = r() < 0.5 ? ' ' + v.pick(r, FILLER[g.domain]) : '';
      const { text, entities } = compose([pre, ...g.parts, post]);
      items.push({ id: `${type}-${i}`, domain: g.domain, kind: type, text, entities });
    }
  }
  for (const [kind, gen] of Object.entries(MIXED)) {
    for (let i = 0; i < 40; i++) {
      const { text, entities } = compose(gen().parts);
      items.push({ id: `mixed-${kind}-${i}`, domain: 'mixed', kind: `mixed:${kind}`, text, entities });
    }
  }
  const kinds = Object.keys(NEGATIVE);
  for (let i = 0; i < 2200; i++) {
    const kind = kinds[i % kinds.length];
    const g = NEGATIVE[kind]();
    items.push({ id: `neg-${kind}-${i}`, domain: g.domain, kind: `negative:${kind}`, text: g.text, entities: [] });
  }
  return items;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'corpus.jsonl');
  const items = generate();
  writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  console.log(`wrote ${items.length} items to ${out}`);
}
