/**
 * The life of a nomination as the core decides it, checked against an independent table of what
 * the domain allows: every (status × action × role) is tried, exactly the listed moves pass, and
 * everything else is refused for the right reason. Also roles (who heads what, which role wins),
 * invitations as judged when opened, and reading a Quyết định as a secretary types it.
 */
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  checkTransition,
  TRANSITIONS,
  type ActionDetails,
  type ActorRole,
  type ReviewAction,
} from '../../src/core/nomination/status-machine.js';
import { STATUSES, type NominationStatus } from '../../src/core/nomination/vocabulary.js';
import { parseDecision } from '../../src/core/review/decision.js';
import { actingRole, checkInvitation, headedUnitIds, type RoleGrantView } from '../../src/core/roles.js';
import { UnitCatalog, type UnitRecord } from '../../src/core/units.js';

const ROLES: readonly ActorRole[] = ['resident', 'head', 'council', 'admin', 'system'];
const ACTIONS: readonly ReviewAction[] = ['accept', 'request-info', 'propose', 'reject', 'merge', 'table', 'forward', 'decide', 'award', 'send-back', 'supplement', 'withdraw'];

/** What the domain allows, written out independently of TRANSITIONS: [action, from, roles, to]. */
const COUNCIL = ['council', 'admin'] as const;
const ALLOWED: [ReviewAction, NominationStatus[], readonly ActorRole[], NominationStatus][] = [
  ['accept', ['received'], ['head'], 'verifying'],
  ['request-info', ['received', 'verifying'], ['head', ...COUNCIL], 'needs-info'],
  ['propose', ['received', 'verifying'], ['head'], 'proposed'],
  ['reject', ['received', 'verifying', 'needs-info'], ['head'], 'rejected'],
  ['reject', ['proposed', 'at-council'], COUNCIL, 'rejected'],
  ['merge', ['received', 'verifying', 'needs-info'], ['head'], 'merged'],
  ['table', ['proposed'], COUNCIL, 'at-council'],
  ['forward', ['proposed', 'at-council'], COUNCIL, 'forwarded'],
  ['decide', ['proposed', 'at-council', 'forwarded'], COUNCIL, 'decided'],
  ['award', ['decided'], COUNCIL, 'awarded'],
  ['send-back', ['proposed', 'at-council'], COUNCIL, 'verifying'],
  ['supplement', ['needs-info'], ['resident'], 'received'],
  ['withdraw', ['received'], ['resident'], 'withdrawn'],
];

/** The target of (status, action, role) when allowed. */
function allowedTo(status: string, action: ReviewAction, role: ActorRole): NominationStatus | undefined {
  return ALLOWED.find(([a, from, roles]) => a === action && (from as string[]).includes(status) && roles.includes(role))?.[3];
}
/** Whether anyone at all may apply `action` from `status`. */
const anyoneMay = (status: string, action: ReviewAction) => ALLOWED.some(([a, from]) => a === action && (from as string[]).includes(status));

/** Every detail an action could need, all given. */
const FULL: ActionDetails = { reason: 'Đã xác minh tại tổ dân phố', awardForm: 'giay-khen', decision: { number: '123/QĐ-UBND', date: '2026-11-20' }, duplicateOfId: 7 };

const combos = STATUSES.flatMap((status) => ACTIONS.flatMap((action) => ROLES.map((role) => ({ status, action, role }))));

describe('checkTransition over every status × action × role', () => {
  it('tries all combinations (11 statuses × 12 actions × 5 roles)', () => {
    expect(STATUSES).toHaveLength(11);
    expect(combos).toHaveLength(11 * 12 * 5);
  });

  it('TRANSITIONS lists exactly the allowed moves', () => {
    const fromCode = TRANSITIONS.flatMap((t) => t.from.flatMap((from) => t.actors.map((role) => `${t.action}|${from}|${role}|${t.to}`))).sort();
    const fromTable = ALLOWED.flatMap(([action, from, roles, to]) => from.flatMap((status) => roles.map((role) => `${action}|${status}|${role}|${to}`))).sort();
    expect(fromCode).toEqual(fromTable);
  });

  it.each(combos)('$status · $action · $role', ({ status, action, role }) => {
    const to = allowedTo(status, action, role);
    const result = checkTransition(status, action, role, FULL);
    if (to) {
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.transition.to).toBe(to);
    } else {
      expect(result).toEqual({ ok: false, reason: anyoneMay(status, action) ? 'not-your-role' : 'not-allowed-from-status' });
    }
  });

  it('an unknown status allows nothing to anyone', () => {
    for (const action of ACTIONS) for (const role of ROLES) expect(checkTransition('bogus', action, role, FULL)).toEqual({ ok: false, reason: 'not-allowed-from-status' });
  });

  it('the status is judged before the role, and the role before the details', () => {
    // A head rejecting an awarded nomination without a reason: the status is what is wrong.
    expect(checkTransition('awarded', 'reject', 'head', {})).toEqual({ ok: false, reason: 'not-allowed-from-status' });
    // A resident accepting a new nomination without details: the role is what is wrong.
    expect(checkTransition('received', 'accept', 'resident', {})).toEqual({ ok: false, reason: 'not-your-role' });
    // A head rejecting a proposed one (the council's move): role, not details.
    expect(checkTransition('proposed', 'reject', 'head', {})).toEqual({ ok: false, reason: 'not-your-role' });
    // The council rejecting a new one (the head's move).
    expect(checkTransition('received', 'reject', 'council', { reason: 'x' })).toEqual({ ok: false, reason: 'not-your-role' });
  });
});

describe('details each transition needs', () => {
  /** One allowed (status, role) per transition, and what is refused without details. */
  const cases: { action: ReviewAction; from: NominationStatus; role: ActorRole; missing: string | null; detail?: keyof ActionDetails }[] = [
    { action: 'accept', from: 'received', role: 'head', missing: null },
    { action: 'request-info', from: 'verifying', role: 'head', missing: 'reason-required', detail: 'reason' },
    { action: 'request-info', from: 'received', role: 'council', missing: 'reason-required', detail: 'reason' },
    { action: 'propose', from: 'verifying', role: 'head', missing: 'form-required', detail: 'awardForm' },
    { action: 'reject', from: 'needs-info', role: 'head', missing: 'reason-required', detail: 'reason' },
    { action: 'reject', from: 'at-council', role: 'admin', missing: 'reason-required', detail: 'reason' },
    { action: 'merge', from: 'received', role: 'head', missing: 'duplicate-required', detail: 'duplicateOfId' },
    { action: 'table', from: 'proposed', role: 'council', missing: null },
    { action: 'forward', from: 'at-council', role: 'council', missing: null },
    { action: 'decide', from: 'forwarded', role: 'council', missing: 'decision-required', detail: 'decision' },
    { action: 'award', from: 'decided', role: 'admin', missing: null },
    { action: 'send-back', from: 'proposed', role: 'council', missing: 'reason-required', detail: 'reason' },
    { action: 'supplement', from: 'needs-info', role: 'resident', missing: null },
    { action: 'withdraw', from: 'received', role: 'resident', missing: null },
  ];

  it.each(cases)('$action from $from by $role without details → $missing', ({ action, from, role, missing, detail }) => {
    const bare = checkTransition(from, action, role, {});
    if (missing === null) expect(bare.ok).toBe(true);
    else expect(bare).toEqual({ ok: false, reason: missing });
    // With only the needed detail, it passes.
    const only: ActionDetails = detail ? { [detail]: FULL[detail] } : {};
    expect(checkTransition(from, action, role, only).ok).toBe(true);
  });

  it('a blank reason is no reason', () => {
    expect(checkTransition('received', 'request-info', 'head', { reason: '   \n ' })).toEqual({ ok: false, reason: 'reason-required' });
    expect(checkTransition('received', 'reject', 'head', { reason: '' })).toEqual({ ok: false, reason: 'reason-required' });
    expect(checkTransition('received', 'reject', 'head', { reason: null })).toEqual({ ok: false, reason: 'reason-required' });
  });

  it('optional reasons may be left out (propose, forward)', () => {
    expect(checkTransition('received', 'propose', 'head', { awardForm: 'bang-khen' }).ok).toBe(true);
    expect(checkTransition('proposed', 'forward', 'council', {}).ok).toBe(true);
  });

  it('a decision needs both a number and a date', () => {
    expect(checkTransition('proposed', 'decide', 'council', { decision: { number: '  ', date: '2026-11-20' } })).toEqual({ ok: false, reason: 'decision-required' });
    expect(checkTransition('proposed', 'decide', 'council', { decision: { number: '12/QĐ', date: '' } })).toEqual({ ok: false, reason: 'decision-required' });
    expect(checkTransition('proposed', 'decide', 'council', { decision: null })).toEqual({ ok: false, reason: 'decision-required' });
  });

  it('a merge needs the original, an award proposal needs its form', () => {
    expect(checkTransition('verifying', 'merge', 'head', { duplicateOfId: null })).toEqual({ ok: false, reason: 'duplicate-required' });
    expect(checkTransition('verifying', 'merge', 'head', { duplicateOfId: 0 })).toEqual({ ok: false, reason: 'duplicate-required' });
    expect(checkTransition('received', 'propose', 'head', { awardForm: '' })).toEqual({ ok: false, reason: 'form-required' });
  });
});

describe('availableActions', () => {
  const expected = (status: string, role: ActorRole) => [...new Set(ALLOWED.filter(([, from, roles]) => (from as string[]).includes(status) && roles.includes(role)).map(([action]) => action))].sort();

  it.each(STATUSES.flatMap((status) => ROLES.map((role) => ({ status, role }))))('$status for $role', ({ status, role }) => {
    const actions = availableActions(status, role);
    expect([...actions].sort()).toEqual(expected(status, role));
    expect(new Set(actions).size).toBe(actions.length);
    // Every action offered passes the check once its details are given.
    for (const action of actions) expect(checkTransition(status, action, role, FULL).ok).toBe(true);
  });

  it('shows the buttons reviewers expect, in a stable order', () => {
    expect(availableActions('received', 'head')).toEqual(['accept', 'request-info', 'propose', 'reject', 'merge']);
    expect(availableActions('verifying', 'head')).toEqual(['request-info', 'propose', 'reject', 'merge']);
    expect(availableActions('needs-info', 'head')).toEqual(['reject', 'merge']);
    expect(availableActions('proposed', 'head')).toEqual([]);
    expect(availableActions('proposed', 'council')).toEqual(['reject', 'table', 'forward', 'decide', 'send-back']);
    expect(availableActions('at-council', 'admin')).toEqual(['reject', 'forward', 'decide', 'send-back']);
    expect(availableActions('forwarded', 'council')).toEqual(['decide']);
    expect(availableActions('decided', 'council')).toEqual(['award']);
    expect(availableActions('received', 'council')).toEqual(['request-info']);
    expect(availableActions('received', 'resident')).toEqual(['withdraw']);
    expect(availableActions('needs-info', 'resident')).toEqual(['supplement']);
    for (const role of ROLES) {
      for (const final of ['awarded', 'rejected', 'withdrawn', 'merged']) expect(availableActions(final, role)).toEqual([]);
      expect(availableActions('received', 'system')).toEqual([]);
    }
  });
});

describe('checkInvitation', () => {
  const now = new Date('2026-12-01T03:00:00Z');
  const later = new Date('2026-12-08T03:00:00Z');
  const base = { expiresAt: later, maxUses: 1, uses: 0, revokedAt: null };

  it('a fresh invitation may be used', () => {
    expect(checkInvitation(base, now)).toEqual({ ok: true });
    expect(checkInvitation({ ...base, maxUses: 3, uses: 2 }, now)).toEqual({ ok: true });
  });
  it('expired at its expiry instant and after', () => {
    expect(checkInvitation({ ...base, expiresAt: now }, now)).toEqual({ ok: false, reason: 'expired' });
    expect(checkInvitation({ ...base, expiresAt: new Date(now.getTime() - 1) }, now)).toEqual({ ok: false, reason: 'expired' });
    expect(checkInvitation({ ...base, expiresAt: new Date(now.getTime() + 1) }, now)).toEqual({ ok: true });
  });
  it('used once every use is taken', () => {
    expect(checkInvitation({ ...base, uses: 1 }, now)).toEqual({ ok: false, reason: 'used' });
    expect(checkInvitation({ ...base, maxUses: 3, uses: 3 }, now)).toEqual({ ok: false, reason: 'used' });
  });
  it('revoked wins over used and expired; used wins over expired', () => {
    expect(checkInvitation({ ...base, revokedAt: now }, now)).toEqual({ ok: false, reason: 'revoked' });
    expect(checkInvitation({ ...base, revokedAt: now, uses: 1, expiresAt: now }, now)).toEqual({ ok: false, reason: 'revoked' });
    expect(checkInvitation({ ...base, uses: 1, expiresAt: now }, now)).toEqual({ ok: false, reason: 'used' });
  });
});

describe('roles over the unit tree', () => {
  const unit = (id: number, name: string, parentId: number | null = null): UnitRecord => ({ id, code: `U${id}`, name, kind: parentId ? 'residential-group' : 'ward', parentId, aliases: [], sortOrder: id });
  const XP = 1;
  const TM = 2;
  const catalog = new UnitCatalog([
    unit(XP, 'Phường Xuân Phương'),
    unit(TM, 'Phường Tây Mỗ'),
    unit(11, 'Tổ dân phố số 1', XP),
    unit(12, 'Tổ dân phố số 2', XP),
    unit(121, 'Ngõ 5', 12),
    unit(21, 'Tổ dân phố số 1', TM),
  ]);
  const head = (unitId: number | null): RoleGrantView => ({ role: 'head', unitId });
  const council: RoleGrantView = { role: 'council', unitId: null };
  const admin: RoleGrantView = { role: 'admin', unitId: null };

  it('a ward head heads the whole subtree below the ward', () => {
    expect(headedUnitIds([head(XP)], catalog).sort((a, b) => a - b)).toEqual([XP, 11, 12, 121]);
    expect(headedUnitIds([head(12)], catalog).sort((a, b) => a - b)).toEqual([12, 121]);
    expect(headedUnitIds([head(121)], catalog)).toEqual([121]);
  });
  it('several grants add up without repeats', () => {
    expect(headedUnitIds([head(XP), head(21)], catalog).sort((a, b) => a - b)).toEqual([XP, 11, 12, 21, 121]);
    const overlapping = headedUnitIds([head(12), head(XP), head(11)], catalog);
    expect(overlapping.sort((a, b) => a - b)).toEqual([XP, 11, 12, 121]);
  });
  it('non-head roles, head grants without a unit and unknown units head nothing', () => {
    expect(headedUnitIds([council, admin], catalog)).toEqual([]);
    expect(headedUnitIds([head(null)], catalog)).toEqual([]);
    expect(headedUnitIds([head(999)], catalog)).toEqual([]);
    expect(headedUnitIds([], catalog)).toEqual([]);
  });

  it('actingRole: admin wins, then council, then the head of the unit (or a unit above it)', () => {
    expect(actingRole([head(XP), admin], 11, catalog)).toBe('admin');
    expect(actingRole([head(XP), council, admin], 11, catalog)).toBe('admin');
    expect(actingRole([head(XP), council], 11, catalog)).toBe('council');
    expect(actingRole([council], 21, catalog)).toBe('council');
    expect(actingRole([admin], 21, catalog)).toBe('admin');
    expect(actingRole([head(XP)], 121, catalog)).toBe('head');
    expect(actingRole([head(XP)], XP, catalog)).toBe('head');
    expect(actingRole([head(12)], 11, catalog)).toBeUndefined();
    expect(actingRole([head(TM)], 11, catalog)).toBeUndefined();
    expect(actingRole([], 11, catalog)).toBeUndefined();
  });
});

describe('parseDecision', () => {
  const now = new Date('2026-12-01T03:00:00Z'); // 10:00 on 01/12/2026 in Hanoi

  it.each([
    ['123/QĐ-UBND ngày 20/11/2026', '123/QĐ-UBND', '2026-11-20'],
    ['số 45/QĐ-CTUBND, 1/12/2026', '45/QĐ-CTUBND', '2026-12-01'],
    ['Số 45/QĐ-CTUBND ngày 01/12/2026', '45/QĐ-CTUBND', '2026-12-01'],
    ['123/QĐ-UBND 20/11/2026', '123/QĐ-UBND', '2026-11-20'],
    ['  123/QĐ-UBND   ngày   20.11.2026 ', '123/QĐ-UBND', '2026-11-20'],
    ['7/QĐ-UBND; 5-11-26', '7/QĐ-UBND', '2026-11-05'],
  ])('%s', (input, number, date) => {
    expect(parseDecision(input, now)).toEqual({ ok: true, number, date });
  });

  it('without a number (or without a date) it asks for the format again', () => {
    expect(parseDecision('Quyết định ngày 20/11/2026', now)).toEqual({ ok: false, reason: 'format' });
    expect(parseDecision('ngày 20/11/2026', now)).toEqual({ ok: false, reason: 'format' });
    expect(parseDecision('20/11/2026', now)).toEqual({ ok: false, reason: 'format' });
    expect(parseDecision('123/QĐ-UBND', now)).toEqual({ ok: false, reason: 'format' });
    expect(parseDecision('', now)).toEqual({ ok: false, reason: 'format' });
    expect(parseDecision(`${'1'.repeat(61)} ngày 20/11/2026`, now)).toEqual({ ok: false, reason: 'format' });
  });

  it('a date after today, an impossible date or a very old one is refused as a date', () => {
    expect(parseDecision('123/QĐ-UBND ngày 02/12/2026', now)).toEqual({ ok: false, reason: 'date' });
    expect(parseDecision('123/QĐ-UBND ngày 20/11/2027', now)).toEqual({ ok: false, reason: 'date' });
    expect(parseDecision('123/QĐ-UBND ngày 31/02/2026', now)).toEqual({ ok: false, reason: 'date' });
    expect(parseDecision('123/QĐ-UBND ngày 01/01/2010', now)).toEqual({ ok: false, reason: 'date' });
  });

  it('"today" is judged in Hanoi time', () => {
    // 23:30 UTC on 30/11 is already 01/12 in Hanoi.
    expect(parseDecision('9/QĐ-UBND ngày 01/12/2026', new Date('2026-11-30T23:30:00Z'))).toEqual({ ok: true, number: '9/QĐ-UBND', date: '2026-12-01' });
    expect(parseDecision('9/QĐ-UBND ngày 01/12/2026', new Date('2026-11-30T16:59:00Z'))).toEqual({ ok: false, reason: 'date' });
  });
});
