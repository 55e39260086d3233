/**
 * Runtime tokens for the local Actions cache stand-in. GitHub's `ACTIONS_RUNTIME_TOKEN` is a JWT whose `ac`
 * claim lists the cache scopes the run may read and write; the cache service takes the branch scope from
 * there (not from `GITHUB_REF`), so the stand-in does the same and tests mint tokens with the scopes they need.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Permission bits as GitHub puts them in the `ac` claim: 1 read, 2 write, 3 both. */
export const CachePermission = { Read: 1, Write: 2, ReadWrite: 3 } as const

/** One entry of the `ac` claim, spelled as GitHub spells it. */
export interface CacheScopeGrant {
  Scope: string
  Permission: number
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url')
}

/**
 * Mints an HS256 JWT with the given scopes in its `ac` claim. Like GitHub, `ac` is a JSON *string* holding the
 * array, e.g. `[{"Scope":"refs/heads/main","Permission":3}]`.
 */
export function mintRuntimeToken(scopes: CacheScopeGrant[], secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const now = Math.floor(Date.now() / 1000)
  const payload = base64url(
    JSON.stringify({ ac: JSON.stringify(scopes), iss: 'integrity-gate-test', iat: now, exp: now + 6 * 3600 }),
  )
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
  return `${header}.${payload}.${signature}`
}

/**
 * Checks the token's HS256 signature and returns its scopes, or throws with the reason. Accepts `ac` as a JSON
 * string (GitHub's form) or as an array, so hand-written tokens work too.
 */
export function verifyRuntimeToken(token: string, secret: string): CacheScopeGrant[] {
  const parts = token.split('.')
  if (parts.length !== 3) throw new Error('token is not a JWT (expected three dot-separated parts)')
  const [header, payload, signature] = parts as [string, string, string]
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error('token signature is invalid')
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) throw new Error('token has expired')
  const ac: unknown = typeof claims.ac === 'string' ? JSON.parse(claims.ac) : claims.ac
  if (!Array.isArray(ac)) throw new Error('token has no ac claim (cache scopes)')
  return ac.map((grant: unknown) => {
    const g = grant as Partial<CacheScopeGrant>
    if (typeof g?.Scope !== 'string' || typeof g.Permission !== 'number') {
      throw new Error('token ac claim has an entry without Scope/Permission')
    }
    return { Scope: g.Scope, Permission: g.Permission }
  })
}
