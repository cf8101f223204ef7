/**
 * The admin CLI's help: every command with an example (`npm run admin -- --help`).
 */
import { CAMPAIGN_KINDS, DEFAULT_REMINDER_PLAN } from '../core/campaigns/planner.js';
import { TITLES } from '../core/proposals/titles.js';
import { UNIT_KINDS } from '../infra/units-import.js';

export const HELP = `Administration of the nomination bot: units, invitations to a role, role grants, campaigns.

Usage: npm run admin -- <command> [options]

Units
  units import <file.csv|file.json>
      Creates or updates units by code; aliases (former names) are merged, never dropped.
      CSV header: code,name,kind,parent,aliases,sort_order (aliases separated by |).
      Kinds: ${UNIT_KINDS.join(', ')}.
      Example: npm run admin -- units import data/units.csv
  units list
      Shows the unit tree: code, name, former names in [brackets].
      Example: npm run admin -- units list

Invitations
  invite --role head|officer|council|admin [--unit <code>] [--expires 7d] [--uses 1] [--bot <username>]
      Creates an invitation and prints its code (shown once, only its hash is stored) and its
      Telegram link. --unit is required for head and officer (the unit's thi đua officer) and
      refused for council and admin.
      --expires takes d, h or m (default 7d); --uses how many people may use it (default 1).
      The bot username comes from --bot, else BOT_USERNAME, else Telegram's getMe with BOT_TOKEN.
      Example: npm run admin -- invite --role head --unit HN-TU-LIEM --expires 3d
  invites list [--all]
      Lists usable invitations (--all: also used, expired and revoked ones).
      Example: npm run admin -- invites list --all
  invites revoke <id>
      Makes an invitation unusable.
      Example: npm run admin -- invites revoke 12

Role grants
  grants list [--unit <code>] [--all]
      Lists active grants, or those of one unit (--all: also revoked ones).
      Example: npm run admin -- grants list --unit HN-TU-LIEM
  grants revoke <id>
      Ends one grant (the record stays).
      Example: npm run admin -- grants revoke 7
  grants add --telegram <user id> --role head|officer|council|admin [--unit <code>]
      Grants a role directly to a Telegram user (numeric id), without an invitation.
      Example: npm run admin -- grants add --telegram 123456789 --role head --unit HN-TU-LIEM

People
  user roles --telegram <user id>
      Shows the person's active roles.
      Example: npm run admin -- user roles --telegram 123456789

Campaigns (đợt thi đua: the units covered report by a deadline; their heads get reminders)
  campaign create --code <code> --name <name> --kind ${CAMPAIGN_KINDS.join('|')} --deadline dd/mm/yyyy
                  [--opens dd/mm/yyyy] [--closes dd/mm/yyyy] [--units all|subtree:<code>|<code>,<code>…]
                  [--reminders ${DEFAULT_REMINDER_PLAN.reminderDays.join(',')}] [--time ${DEFAULT_REMINDER_PLAN.reminderTime}] [--working-days] [--titles <id>,<id>…]
      Creates an open campaign. Nominations are taken from --opens (default today) to --closes
      (default the deadline). --units: all = every active top-level unit (wards and communes,
      the default); subtree:<code> = that unit and every active unit below it; or a list of codes.
      --reminders: days before the deadline (0 = on the day), sent at --time (Vietnam time; one
      falling between 21:00 and 07:00 waits until 07:00). --working-days counts working days only
      (no weekends or public holidays). --titles: the titles and forms of commendation units may
      propose in their lists (default: the list of the campaign's kind, see campaign titles).
      Example: npm run admin -- campaign create --code TK2026 --name "Tổng kết năm 2026" --kind year-end --deadline 15/12/2026 --units subtree:HN-TU-LIEM
  campaign list [--all]
      Lists open campaigns (--all: also closed ones): code, kind, deadline, status, units reported.
      Example: npm run admin -- campaign list --all
  campaign show <code>
      Shows the campaign and each unit it covers: its deadline (own, if extended) and its report.
      Example: npm run admin -- campaign show TK2026
  campaign extend <code> --unit <code> --deadline dd/mm/yyyy
      Gives one unit its own deadline; that unit's reminders are re-planned from the new date.
      Example: npm run admin -- campaign extend TK2026 --unit HN-TAY-MO --deadline 22/12/2026
  campaign deadline <code> --deadline dd/mm/yyyy
      Moves the whole campaign's deadline (units with their own deadline keep it); reminders are
      re-planned. Nominations then close no earlier than the new deadline.
      Example: npm run admin -- campaign deadline TK2026 --deadline 20/12/2026
  campaign titles <code> [--set <id>,<id>… | --default]
      Shows (or sets) the titles units may propose in the campaign: ${TITLES.join(', ')}.
      Yearly campaigns (regular, year-end) default to PROPOSAL_TITLES_YEARLY, the others to
      PROPOSAL_TITLES_THEMATIC; --default goes back to that list.
      Example: npm run admin -- campaign titles TK2026 --set lao-dong-tien-tien,chien-si-thi-dua-co-so,giay-khen
  campaign close <code>
      Closes the campaign: no more reminders or reports; unsent reminders are withdrawn.
      Example: npm run admin -- campaign close TK2026

The database is the configured one (DATABASE_URL, else the embedded PostgreSQL in DATA_DIR).
Times are Vietnam time (+07); dates are typed dd/mm/yyyy. Exit codes: 0 done, 1 error, 2 wrong usage.
`;
