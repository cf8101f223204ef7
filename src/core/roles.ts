/**
 * Who may do what: residents (everyone), unit heads (per unit, covering the units below it),
 * council members and admins. Every command and button press is re-checked against these rules.
 */
import { unitAndBelow, type UnitCatalog } from './units.js';

export const GRANTABLE_ROLES = ['head', 'officer', 'council', 'admin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/**
 * Roles held for one unit: its head (thủ trưởng, tổ trưởng…) and its thi đua officer (cán bộ phụ
 * trách thi đua), whom the head invites. Both review the unit's nominations, build its proposal
 * lists and receive its reminders.
 */
export const UNIT_ROLES: readonly GrantableRole[] = ['head', 'officer'];
export const isUnitRole = (role: string) => (UNIT_ROLES as readonly string[]).includes(role);

/** One role a person holds; `unitId` for unit heads. */
export interface RoleGrantView {
  id?: number;
  role: GrantableRole;
  unitId: number | null;
}

/** The units a person heads, each with everything below it (a ward head sees its residential groups). */
export function headedUnitIds(roles: readonly RoleGrantView[], units: UnitCatalog): number[] {
  const result = new Set<number>();
  for (const grant of roles) if (isUnitRole(grant.role) && grant.unitId !== null) unitAndBelow(units, grant.unitId, result);
  return [...result];
}

export const isCouncil = (roles: readonly RoleGrantView[]) => roles.some((grant) => grant.role === 'council' || grant.role === 'admin');
export const isAdmin = (roles: readonly RoleGrantView[]) => roles.some((grant) => grant.role === 'admin');
export const isHead = (roles: readonly RoleGrantView[]) => roles.some((grant) => isUnitRole(grant.role));

/** The units a person holds a unit role for directly (not the units below), e.g. to build their proposal lists. */
export const ownUnitIds = (roles: readonly RoleGrantView[]) => [...new Set(roles.filter((grant) => isUnitRole(grant.role) && grant.unitId !== null).map((grant) => grant.unitId!))];

/** The role a person acts in on a nomination of `unitId`: the council's view wins, then the unit's head; else none. */
export function actingRole(roles: readonly RoleGrantView[], unitId: number, units: UnitCatalog): 'council' | 'admin' | 'head' | undefined {
  if (isAdmin(roles)) return 'admin';
  if (isCouncil(roles)) return 'council';
  if (headedUnitIds(roles, units).includes(unitId)) return 'head';
  return undefined;
}

/** An invitation as the core judges it when someone opens its link. */
export interface InvitationState {
  expiresAt: Date;
  maxUses: number;
  uses: number;
  revokedAt: Date | null;
}

export type RedeemCheck = { ok: true } | { ok: false; reason: 'expired' | 'used' | 'revoked' };

/** Whether an invitation may still be used at `now`. */
export function checkInvitation(invitation: InvitationState, now: Date): RedeemCheck {
  if (invitation.revokedAt) return { ok: false, reason: 'revoked' };
  if (invitation.uses >= invitation.maxUses) return { ok: false, reason: 'used' };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** Failed codes allowed per person per hour before further attempts are refused without looking. */
export const INVITATION_ATTEMPTS_PER_HOUR = 5;
