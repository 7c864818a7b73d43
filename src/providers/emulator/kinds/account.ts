import {editionSpec, maxAdmins} from '../../../model/editions.js'
import {
  type AppChildHandler,
  type AppRow,
  canonicalJson,
  type KindContext,
  namedResources,
  type RecordList,
  recordListSql,
  recordsByApp,
  refuse,
} from '../context.js'

const USER_ID = /^[A-Za-z0-9_-]{1,32}$/

function count(context: KindContext, sql: string, ...params: unknown[]): number {
  return (context.sql(sql).get(...params) as {n: number}).n
}

function checkCustomFields(context: KindContext, app: AppRow, custom: unknown): void {
  if (!custom || typeof custom !== 'object') return
  for (const name of Object.keys(custom)) {
    const declared = context.sql("SELECT 1 FROM custom_fields WHERE sdk_app_id = ? AND kind = 'user-field' AND name = ?").get(app.sdkAppId, name)
    if (!declared) refuse(40009, `custom profile field Tag_Profile_Custom_${name} does not exist`)
  }
}

/**
 * An account's attributes as JSON text written by SQLite: its type, then its stored profile (which never holds a
 * type), as `{type, ...profile}` builds them; one parse makes them.
 */
const ACCOUNT_ATTRIBUTES = `'{"type":' || json_quote(type) || CASE WHEN profile = '{}' THEN '}' ELSE ',' || substr(profile, 2) END`

const ACCOUNT_FIELDS = ['json_quote(user_id)', ACCOUNT_ATTRIBUTES]

/** Accounts (UserIDs): admin count, the edition's account quota, immutable type, custom profile fields. */
export const accountHandler: AppChildHandler = {
  readApps(context, apps) {
    const rows = context.sql(recordListSql('accounts', ACCOUNT_FIELDS, 'user_id')).all() as RecordList[]
    return recordsByApp(apps, rows).map((record, index) => namedResources(apps[index] as AppRow, 'account', record))
  },
  readOne(context, app, userId) {
    const rows = context
      .sql(recordListSql('accounts', ACCOUNT_FIELDS, 'user_id', 'WHERE sdk_app_id = ? AND user_id = ?'))
      .all(app.sdkAppId, userId) as RecordList[]
    return namedResources(app, 'account', recordsByApp([app], rows)[0] ?? [])[0]
  },
  apply(context, app, change) {
    const userId = change.name
    const row = context.sql('SELECT type FROM accounts WHERE sdk_app_id = ? AND user_id = ?').get(app.sdkAppId, userId) as {type: string} | undefined
    if (change.action === 'delete') {
      if (!row) refuse(70107, `UserID ${userId} does not exist`)
      if (app.edition !== 'developer') refuse(71000, `accounts cannot be deleted on the ${app.edition} edition`)
      const owned = context.sql('SELECT group_id FROM chat_groups WHERE sdk_app_id = ? AND owner = ? ORDER BY group_id').get(app.sdkAppId, userId) as
        | {group_id: string}
        | undefined
      if (owned) refuse('Console.AccountOwnsGroup', `${userId} owns group ${owned.group_id}; give the group another owner or delete it first`)
      context.sql('DELETE FROM accounts WHERE sdk_app_id = ? AND user_id = ?').run(app.sdkAppId, userId)
      return
    }
    const {type = 'general', ...profile} = change.after ?? {}
    checkCustomFields(context, app, profile.custom)
    if (change.action === 'create') {
      if (!USER_ID.test(userId)) refuse(70402, `UserID "${userId}" is not valid`)
      if (row) refuse('Console.AccountExists', `UserID ${userId} already exists`)
      const limit = editionSpec(context.schema, app.edition).limits.accounts
      if (limit !== undefined && count(context, 'SELECT count(*) AS n FROM accounts WHERE sdk_app_id = ?', app.sdkAppId) >= limit) {
        refuse(70398, `the ${app.edition} edition allows ${limit} accounts`)
      }
      const admins = maxAdmins(context.schema)
      if (type === 'admin' && count(context, "SELECT count(*) AS n FROM accounts WHERE sdk_app_id = ? AND type = 'admin'", app.sdkAppId) >= admins) {
        refuse('Console.AdminLimit', `an app has at most ${admins} admin accounts`)
      }
      context
        .sql('INSERT INTO accounts (sdk_app_id, user_id, type, profile, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(app.sdkAppId, userId, type, canonicalJson(profile), context.now())
      return
    }
    if (!row) refuse(70107, `UserID ${userId} does not exist`)
    if (type !== row.type) refuse('Console.AccountTypeImmutable', `the type of account ${userId} cannot change`)
    context.sql('UPDATE accounts SET profile = ? WHERE sdk_app_id = ? AND user_id = ?').run(canonicalJson(profile), app.sdkAppId, userId)
  },
}
