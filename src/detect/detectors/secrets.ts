// Credentials: cloud and SaaS keys with fixed prefixes, private keys, JWTs, passwords,
// connection strings with credentials, and high-entropy values assigned to secret-looking names.
import type { DetectData } from '../data.js';
import { patternDetector, type PatternSpec } from '../pattern.js';
import type { DetectorFactory } from '../types.js';
import { shannonEntropy } from '../validators/entropy.js';

// Values that stand for a secret without being one.
const PLACEHOLDER = /^(?:\*+|x+|\.+|<[^>]*>|\$\{[^}]*\}|\$[A-Z_]+|\{\{[^}]*\}\}|%[a-z_]+%|your[_-]?\w*|changeme|password|passw0rd|secret|example\w*|redacted|null|none|undefined|true|false|required|optional|string|hidden|\[redacted\]|\.\.\.)$/i;

// A value that is code reading the secret from elsewhere (os.environ[...], getenv(...), config.db.password).
const CODE_EXPRESSION = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)*[[(]|^(?:process\.env|os\.environ|config|settings|env)\./;

function classes(s: string): number {
  return (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/\d/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
}

/** A SECRET detector: run on long tokens when it has a `tokenTest` (key prefixes), else near its trigger words. */
function secret(spec: Omit<PatternSpec, 'type' | 'gate'> & { subtype: string }): DetectorFactory {
  return patternDetector({ ...spec, type: 'SECRET', gate: spec.tokenTest ? 'tokens' : 'triggers', before: spec.before ?? 0 });
}

export function secretDetectors(_data: DetectData): DetectorFactory[] {
  return [
    secret({
      id: 'secret.aws_access_key',
      subtype: 'aws_access_key',
      pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
      tokenTest: /(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)/,
      after: 20,
      baseScore: 0.95,
    }),
    secret({
      id: 'secret.aws_secret_key',
      subtype: 'aws_secret_key',
      pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
      triggers: ['aws_secret', 'secret_access_key', 'aws secret', 'secretaccesskey', 'secret access key'],
      after: 80,
      baseScore: 0.9,
      validate: (v, s) => (shannonEntropy(v) >= 3.5 && classes(v) >= 3 ? s : false),
    }),
    secret({
      id: 'secret.github_token',
      subtype: 'github_token',
      pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])/g,
      tokenTest: /(?:gh[pousr]_|github_pat_)/,
      after: 260,
      baseScore: 0.97,
    }),
    secret({
      id: 'secret.anthropic_api_key',
      subtype: 'anthropic_api_key',
      pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/g,
      tokenTest: /sk-ant-/,
      after: 210,
      baseScore: 0.97,
    }),
    secret({
      id: 'secret.openai_api_key',
      subtype: 'openai_api_key',
      pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
      tokenTest: /sk-/,
      after: 220,
      baseScore: 0.95,
      validate: (v, s) => (/\d/.test(v.slice(3)) && /[A-Za-z]/.test(v.slice(3)) && shannonEntropy(v) >= 3.2 ? s : false),
    }),
    secret({
      id: 'secret.slack_token',
      subtype: 'slack_token',
      pattern: /(?<![A-Za-z0-9-])xox[abeprs]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{16,32}/g,
      tokenTest: /xox[abeprs]-|hooks\.slack\.com/,
      before: 8,
      after: 260,
      baseScore: 0.95,
    }),
    secret({
      id: 'secret.stripe_key',
      subtype: 'stripe_key',
      pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
      tokenTest: /[sr]k_(?:live|test)_/,
      after: 260,
      baseScore: 0.96,
    }),
    secret({
      id: 'secret.google_api_key',
      subtype: 'google_api_key',
      pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
      tokenTest: /AIza/,
      after: 40,
      baseScore: 0.96,
    }),
    secret({
      id: 'secret.private_key',
      subtype: 'private_key',
      pattern: /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\sA-Za-z0-9+/=:,.-]{0,16384}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|[\sA-Za-z0-9+/=:,.]{0,16384})/g,
      triggers: ['-----begin'],
      gatePatterns: ['-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY'],
      after: 16600,
      baseScore: 0.99,
    }),
    secret({
      id: 'secret.jwt',
      subtype: 'jwt',
      pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,4096}(?![A-Za-z0-9_-])/g,
      tokenTest: /eyJ/,
      gatePatterns: ['eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.'],
      after: 16400,
      baseScore: 0.95,
    }),
    secret({
      id: 'secret.password',
      subtype: 'password',
      pattern: /\b(?:password|passwd|pwd|passphrase|passwort|kennwort|pass)\b["']?\s{0,3}(?:[:=]|=>|\bis\b)\s{0,3}["']?([^\s"',;<>]{6,128})/gi,
      group: 1,
      triggers: ['password', 'passwd', 'pwd', 'passphrase', 'passwort', 'kennwort', 'pass'],
      after: 150,
      baseScore: 0.85,
      validate(v, s) {
        const value = v.replace(/[.)\]}]+$/, '');
        if (PLACEHOLDER.test(value) || value.length < 6 || CODE_EXPRESSION.test(value)) return false;
        return classes(value) >= 2 ? s : false;
      },
    }),
    secret({
      id: 'secret.connection_string',
      subtype: 'connection_string',
      pattern: /(?<![A-Za-z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:@/]{1,64}:([^\s@/]{1,128})@[A-Za-z0-9._-]{1,253}(?::\d{1,5})?/g,
      triggers: ['postgres://', 'postgresql://', 'mysql://', 'mariadb://', 'mongodb://', 'mongodb+srv://', 'redis://', 'rediss://', 'amqp://', 'amqps://', 'mssql://', 'sqlserver://', 'oracle://', 'clickhouse://', 'snowflake://', 'couchdb://', 'ftp://', 'sftp://', 'smtp://', 'smtps://', 'ldap://', 'ldaps://', 'http://', 'https://', 'jdbc:'],
      before: 24,
      after: 480,
      baseScore: 0.95,
      validate(_v, s, m) {
        return PLACEHOLDER.test(m[1]) ? false : s;
      },
    }),
    secret({
      id: 'secret.generic_high_entropy',
      subtype: 'generic_high_entropy',
      pattern: /\b(?:secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|credential|private[_-]?key|client[_-]?secret|signing[_-]?key)[A-Za-z0-9_.-]{0,20}["']?\s{0,3}(?:[:=]|=>)\s{0,3}["']?([A-Za-z0-9+/_.=-]{16,256})/gi,
      group: 1,
      triggers: ['secret', 'token', 'api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'auth_key', 'credential', 'private_key', 'client_secret', 'signing_key'],
      after: 300,
      baseScore: 0.8,
      validate(v, s) {
        if (PLACEHOLDER.test(v) || shannonEntropy(v) < 3.5 || classes(v) < 2 || !/\d/.test(v)) return false;
        return s;
      },
    }),
  ];
}
