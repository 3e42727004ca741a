// The shape of policy files and policy test files, declared once. Loading validates with these
// schemas; schema/policy.schema.json and schema/policy-test.schema.json are generated from them.
import { z } from 'zod';
import { ACTIONS } from '../core/types.js';

const Name = z.string().min(1);
const NameList = z.array(Name).min(1);

export const ActionSchema = z.enum(ACTIONS).describe('block > hold > redact > route > warn > allow');
export const ModeSchema = z.enum(['enforce', 'monitor']);
export const RedactionMethodSchema = z.enum(['mask', 'hash', 'tokenize']);

/** A duration: seconds as a number, or a string such as 500ms, 30s, 10m, 1h, 2d. */
export const DurationSchema = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 30s, 10m, 1h or 2d')])
  .describe('seconds as a number, or 500ms, 30s, 10m, 1h, 2d');

const FindingTypeRef = z
  .string()
  .regex(/^(@[a-z][a-z0-9_-]*|\*|[A-Za-z][A-Za-z0-9_.-]*(:[^\s]+)?)$/, 'a finding type (US_SSN, SECRET:aws_access_key), a group (@pii) or *')
  .describe('finding type, TYPE:subtype, @group or *');

export const FindingSelectorSchema = z.union([
  FindingTypeRef,
  z
    .object({
      types: z.array(FindingTypeRef).min(1),
      minScore: z.number().min(0).max(1).optional().describe('only findings scoring at least this (default 0)'),
      minCount: z.number().int().min(1).optional().describe('at least this many such findings (default 1)'),
    })
    .strict(),
]);

export const ToolMatchSchema = z
  .object({
    names: NameList.optional().describe('tool names (globs with *); request: tools offered, response: tools called'),
    outsideAllowed: z
      .boolean()
      .optional()
      .describe("match tools that are not in the AI system's allowed tools"),
    arguments: z
      .string()
      .min(1)
      .optional()
      .describe('RE2 regular expression (a leading (?i) or /re/i for case-insensitive) searched in the JSON arguments of each tool call'),
  })
  .strict();

export const MatchSchema = z
  .object({
    systems: NameList.optional().describe('AI system ids (globs)'),
    suppliers: NameList.optional().describe('supplier ids (globs)'),
    models: NameList.optional().describe('model names (globs such as gpt-4*)'),
    users: NameList.optional().describe('principal users (globs)'),
    groups: NameList.optional().describe('principal groups: any of them'),
    labels: NameList.optional().describe('data labels on the interaction: any of them'),
    findings: z
      .array(FindingSelectorSchema)
      .min(1)
      .optional()
      .describe('finding selectors: the rule matches if any selector matches'),
    tools: ToolMatchSchema.optional(),
  })
  .strict();

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore'),
    description: z.string().optional(),
    enabled: z.boolean().optional().describe('false skips the rule (default true)'),
    direction: z.enum(['request', 'response', 'any']).optional().describe('default request'),
    match: MatchSchema.optional(),
    when: z.string().min(1).optional().describe('CEL condition over the documented context; must return bool'),
    action: ActionSchema,
    mode: ModeSchema.optional().describe('monitor: decide and record, change nothing'),
    message: z.string().optional().describe('shown to the client on block, hold and warn'),
    controls: z.array(z.string()).optional().describe('framework controls this rule evidences: iso42001:A.9.3, nist-ai-rmf:MANAGE-2.4, eu-ai-act:art-14'),
    redact: z
      .object({
        method: RedactionMethodSchema,
        types: z.array(FindingTypeRef).min(1).optional().describe('default: the types the rule matched on'),
      })
      .strict()
      .optional(),
    route: z
      .object({ supplier: Name.optional(), model: Name.optional() })
      .strict()
      .refine((r) => r.supplier !== undefined || r.model !== undefined, 'route needs a supplier or a model')
      .optional(),
    hold: z
      .object({
        wait: DurationSchema.optional().describe('how long the client waits for a verdict; 0 = answer at once with the review id (default 0)'),
        timeout: DurationSchema.optional().describe('how long the review stays open before it lapses as denied (default 24h)'),
        validity: DurationSchema.optional().describe('how long an approval lets the same request through (default 1h)'),
        reviewers: NameList.optional().describe('groups that may decide'),
      })
      .strict()
      .optional(),
    strip: z.boolean().optional().describe('request tool rules: strip the matched offered tools from the request'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.action === 'redact' && !r.redact) ctx.addIssue({ code: 'custom', path: ['redact'], message: 'action redact needs redact: { method }' });
    if (r.action !== 'redact' && r.redact) ctx.addIssue({ code: 'custom', path: ['redact'], message: 'redact: is only for action redact' });
    if (r.action === 'route' && !r.route) ctx.addIssue({ code: 'custom', path: ['route'], message: 'action route needs route: { supplier and/or model }' });
    if (r.action !== 'route' && r.route) ctx.addIssue({ code: 'custom', path: ['route'], message: 'route: is only for action route' });
    if (r.action !== 'hold' && r.hold) ctx.addIssue({ code: 'custom', path: ['hold'], message: 'hold: is only for action hold' });
    if (r.strip && !r.match?.tools) ctx.addIssue({ code: 'custom', path: ['strip'], message: 'strip needs match.tools' });
    if (r.strip && r.direction && r.direction !== 'request') ctx.addIssue({ code: 'custom', path: ['strip'], message: 'strip applies to requests only' });
  });

export const SettingsSchema = z
  .object({
    mode: ModeSchema.optional().describe('monitor puts the whole policy set in monitor mode'),
    defaultAction: z.enum(['allow', 'warn', 'block']).optional().describe('action when no rule matches (default allow)'),
    defaultMessage: z.string().optional(),
    unapprovedSystem: z.enum(['block', 'hold', 'warn', 'allow']).optional().describe('requests from an AI system not registered or not approved (default block)'),
    unapprovedSupplier: z.enum(['block', 'hold', 'warn', 'allow']).optional().describe('requests to a supplier not registered or not approved (default block)'),
  })
  .strict();

export const PolicyFileSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    mode: ModeSchema.optional().describe("mode of this file's rules unless a rule says otherwise"),
    settings: SettingsSchema.optional().describe('set-wide settings; at most one file of a set may have them'),
    vars: z.record(z.string(), z.unknown()).optional().describe('values CEL conditions can read as vars.<name>'),
    groups: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.array(FindingTypeRef).min(1))
      .optional()
      .describe('extra finding groups, usable as @name in this policy set'),
    rules: z.array(RuleSchema).nullable().optional().describe('the rules of this file; empty (rules:) is allowed'),
  })
  .strict();

export type RuleSpec = z.infer<typeof RuleSchema>;
export type PolicyFileSpec = z.infer<typeof PolicyFileSchema>;
export type SettingsSpec = z.infer<typeof SettingsSchema>;

// ---- policy tests -------------------------------------------------------------------------

const FindingInput = z
  .object({
    type: Name,
    subtype: z.string().optional(),
    score: z.number().min(0).max(1).optional(),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    detector: z.string().optional(),
    segment: z.number().int().nonnegative().optional(),
  })
  .strict();

export const InputSpecSchema = z
  .object({
    direction: z.enum(['request', 'response']).optional(),
    principal: z
      .object({ user: z.string().optional(), groups: z.array(z.string()).optional(), keyId: z.string().optional(), system: z.string().optional() })
      .strict()
      .optional(),
    system: z
      .object({
        id: z.string().optional(),
        registered: z.boolean().optional(),
        approved: z.boolean().optional(),
        dataCategories: z.array(z.string()).optional(),
        allowedTools: z.array(z.string()).nullable().optional(),
      })
      .strict()
      .optional(),
    supplier: z
      .object({
        id: z.string().optional(),
        type: z.string().optional(),
        registered: z.boolean().optional(),
        approved: z.boolean().optional(),
        public: z.boolean().optional(),
        baa: z.boolean().optional(),
        reviewOverdue: z.boolean().optional(),
      })
      .strict()
      .optional(),
    model: z.string().optional(),
    findings: z.array(FindingInput).optional(),
    tools: z.array(z.string()).optional(),
    toolCalls: z
      .array(z.object({ id: z.string().optional(), name: Name, arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).optional() }).strict())
      .optional(),
    messageCount: z.number().int().nonnegative().optional(),
    labels: z.array(z.string()).optional(),
    time: z.string().datetime({ offset: true }).optional(),
    mcp: z
      .object({
        server: z.string().optional(),
        method: z.string().optional(),
        tool: z.string().optional(),
        uri: z.string().optional(),
        arguments: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional()
      .describe('an MCP call (docs/MCP.md)'),
  })
  .strict();

export const ExpectSchema = z
  .object({
    action: ActionSchema.optional(),
    mode: ModeSchema.optional(),
    rules: z.array(Name).optional().describe('exactly these rules match (any order)'),
    includesRules: z.array(Name).optional().describe('at least these rules match'),
    excludesRules: z.array(Name).optional().describe('none of these rules match'),
    monitorAction: z.union([ActionSchema, z.null()]).optional().describe('null: no monitor rule would have changed the action'),
    controls: z.array(Name).optional().describe('at least these controls are recorded'),
    redact: z.object({ method: RedactionMethodSchema.optional(), types: z.array(Name).optional() }).strict().optional(),
    route: z.object({ supplier: z.string().optional(), model: z.string().optional() }).strict().optional(),
    stripTools: z.array(Name).optional(),
    hold: z.object({ wait: DurationSchema.optional(), timeout: DurationSchema.optional(), validity: DurationSchema.optional() }).strict().optional(),
    message: z.string().optional().describe('the decision message contains this text'),
    error: z.string().optional().describe('a rule failed closed with an error containing this text'),
  })
  .strict();

export const TestCaseSchema = z
  .object({ name: Name, input: InputSpecSchema.optional(), expect: ExpectSchema })
  .strict();

export const TestFileSchema = z
  .object({
    $schema: z.string().optional(),
    defaults: InputSpecSchema.optional().describe('input fields shared by every case (a case overrides them field by field)'),
    tests: z.array(TestCaseSchema).min(1),
  })
  .strict();

export type InputSpec = z.infer<typeof InputSpecSchema>;
export type ExpectSpec = z.infer<typeof ExpectSchema>;
export type TestFileSpec = z.infer<typeof TestFileSchema>;

/** Milliseconds of a duration written as seconds or 500ms/30s/10m/1h/2d. */
export function durationMs(d: number | string): number {
  if (typeof d === 'number') return Math.round(d * 1000);
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(d);
  if (!m) throw new Error(`bad duration ${d}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
