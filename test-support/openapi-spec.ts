/**
 * GitHub's REST description (`@octokit/openapi`, api.github.com.json) turned into a request router and
 * JSON-schema validators for the local GitHub stand-in.
 *
 * Only the single 13 MB file is read (never the package index, which loads every spec), once per process,
 * and validators are compiled lazily per operation: most tests touch a dozen operations out of 800+.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import * as ajvFormats from 'ajv-formats'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

/** One parameter of an operation, with `$ref`s already resolved. */
export interface OperationParameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: JsonObject
}

/** One operation of the description (method + path template). */
export interface Operation {
  /** Upper-case HTTP method. */
  method: string
  /** Path template as in the description, e.g. `/repos/{owner}/{repo}/issues`. */
  template: string
  /** GitHub's operation id, e.g. `issues/create`; the stand-in dispatches on it. */
  operationId: string
  /** Link to the docs page, used as `documentation_url` in error bodies as GitHub does. */
  docsUrl: string
  parameters: OperationParameter[]
  /** JSON schema of the request body, when the operation takes one. */
  bodySchema?: JsonObject
  bodyRequired: boolean
  /** Documented response schemas by status (`"200"`, `"201"`, `"default"`); `null` means "no JSON body". */
  responses: Record<string, JsonObject | null>
}

/** A matched request: the operation and its decoded path parameters. */
export interface RouteMatch {
  operation: Operation
  pathParams: Record<string, string>
}

interface Route {
  regex: RegExp
  names: string[]
  /** Operations are resolved on first use: a test run touches a dozen of 800+. */
  build: () => Operation
  operation?: Operation
  /** Literal segments rank before parameters, as GitHub's router does (`issues/comments/{id}` over `issues/{n}`). */
  rank: string
}

interface LoadedSpec {
  routes: Map<string, Route[]>
  ajv: Ajv
  validators: Map<string, ValidateFunction>
}

const SPEC_FILE = 'generated/api.github.com.json'
/** The `$id` under which the description's component schemas are registered with ajv. */
const ROOT_ID = 'gh'
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options']

let cached: LoadedSpec | undefined

/** Absolute path of the description file (resolved through node's resolver, not a guessed path). */
export function specPath(): string {
  const require = createRequire(import.meta.url)
  // The package's main (`index.js`) sits at its root; resolving it avoids an exports-map lookup of package.json.
  return join(dirname(require.resolve('@octokit/openapi')), SPEC_FILE)
}

/**
 * Rewrites the OpenAPI 3.0 dialect into JSON schema that ajv understands, in place: `nullable: true` becomes
 * an explicit `null` type, and component `$ref`s are pointed at the registered root schema.
 */
function prepare(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) prepare(item)
    return
  }
  if (node === null || typeof node !== 'object') return
  for (const value of Object.values(node)) prepare(value)
  const ref = node.$ref
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) node.$ref = ROOT_ID + ref
  if (node.nullable === true) {
    delete node.nullable
    if (typeof node.type === 'string') {
      node.type = [node.type, 'null']
      if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null)
    } else {
      // `nullable` beside allOf/oneOf/$ref has no type to widen: accept null next to the original schema.
      const inner: JsonObject = { ...node }
      for (const key of Object.keys(node)) delete node[key]
      node.anyOf = [inner, { type: 'null' }]
    }
  }
}

function resolveRef<T>(spec: JsonObject, value: Json): T {
  let current: Json = value
  for (
    let depth = 0;
    depth < 10 && current && typeof current === 'object' && !Array.isArray(current);
    depth++
  ) {
    const ref = current.$ref
    if (typeof ref !== 'string' || !ref.startsWith('#/')) break
    current = ref
      .slice(2)
      .split('/')
      .reduce<Json>((acc, key) => (acc as JsonObject)[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec)
  }
  return current as T
}

function jsonSchemaOf(spec: JsonObject, container: Json | undefined): JsonObject | null {
  const resolved = container ? resolveRef<JsonObject>(spec, container) : undefined
  const content = resolved?.content as JsonObject | undefined
  const media = (content?.['application/json'] ?? content?.['application/scim+json']) as
    JsonObject | undefined
  return (media?.schema as JsonObject | undefined) ?? null
}

function buildOperation(
  spec: JsonObject,
  method: string,
  template: string,
  shared: Json[],
  op: JsonObject,
): Operation {
  prepare(op)
  const parameters = [...shared, ...((op.parameters as Json[] | undefined) ?? [])].map((p) => {
    const param = resolveRef<JsonObject>(spec, p)
    prepare(param)
    return {
      name: String(param.name),
      in: param.in as OperationParameter['in'],
      required: param.required === true,
      schema: (param.schema as JsonObject | undefined) ?? {},
    }
  })
  const body = op.requestBody ? resolveRef<JsonObject>(spec, op.requestBody) : undefined
  if (body) prepare(body)
  const responses: Record<string, JsonObject | null> = {}
  for (const [status, response] of Object.entries((op.responses as JsonObject | undefined) ?? {})) {
    const resolved = resolveRef<JsonObject>(spec, response)
    prepare(resolved)
    responses[status] = jsonSchemaOf(spec, resolved)
  }
  return {
    method: method.toUpperCase(),
    template,
    operationId: String(op.operationId),
    docsUrl: String((op.externalDocs as JsonObject | undefined)?.url ?? 'https://docs.github.com/rest'),
    parameters,
    bodySchema: jsonSchemaOf(spec, body) ?? undefined,
    bodyRequired: body?.required === true,
    responses,
  }
}

function buildRoutes(spec: JsonObject): Map<string, Route[]> {
  const routes = new Map<string, Route[]>()
  for (const [template, item] of Object.entries(spec.paths as JsonObject)) {
    const pathItem = item as JsonObject
    const shared = (pathItem.parameters as Json[] | undefined) ?? []
    for (const method of HTTP_METHODS) {
      const op = pathItem[method] as JsonObject | undefined
      if (!op) continue
      const build = (): Operation => buildOperation(spec, method, template, shared, op)
      const names: string[] = []
      const segments = template.split('/').slice(1)
      const pattern = segments
        .map((segment) => {
          const m = /^\{([^}]+)\}$/.exec(segment)
          if (m) {
            names.push(m[1])
            return '([^/]+)'
          }
          // Templates like `/repos/{owner}/{repo}/tarball/{ref}` are whole-segment; mixed ones are rare.
          return segment
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
              names.push(name)
              return '([^/]+)'
            })
        })
        .join('/')
      const rank = segments.map((s) => (s.includes('{') ? '1' : '0')).join('')
      const list = routes.get(method.toUpperCase()) ?? []
      list.push({ regex: new RegExp(`^/${pattern}/?$`), names, build, rank })
      routes.set(method.toUpperCase(), list)
    }
  }
  for (const list of routes.values()) list.sort((a, b) => a.rank.localeCompare(b.rank))
  return routes
}

/** Loads, prepares and caches the description. The first call costs ~0.5 s; later calls are free. */
export function loadSpec(): LoadedSpec {
  if (cached) return cached
  const spec = JSON.parse(readFileSync(specPath(), 'utf8')) as JsonObject
  const components = spec.components as JsonObject
  // Operations are prepared when first matched; examples are never validated and stay as they are.
  prepare(components.schemas)
  const routes = buildRoutes(spec)
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false })
  const addFormats = ajvFormats.default as unknown as (a: Ajv) => Ajv
  addFormats(ajv)
  // Formats the description uses that ajv-formats does not know; GitHub documents them only loosely.
  for (const name of ['int32', 'int64', 'double', 'binary', 'timestamp', 'uri-template']) {
    if (!ajv.formats[name]) ajv.addFormat(name, true)
  }
  ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/)
  ajv.addSchema({ $id: ROOT_ID, components: { schemas: components.schemas } })
  cached = { routes, ajv, validators: new Map() }
  return cached
}

/** Finds the operation for a method and a raw (still percent-encoded) path, or `undefined`. */
export function matchOperation(method: string, rawPath: string): RouteMatch | undefined {
  const { routes } = loadSpec()
  for (const route of routes.get(method.toUpperCase()) ?? []) {
    const m = route.regex.exec(rawPath)
    if (!m) continue
    const pathParams: Record<string, string> = {}
    try {
      route.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(m[i + 1])))
    } catch {
      continue
    }
    route.operation ??= route.build()
    return { operation: route.operation, pathParams }
  }
  return undefined
}

function validator(key: string, schema: JsonObject): ValidateFunction {
  const spec = loadSpec()
  let fn = spec.validators.get(key)
  if (!fn) {
    fn = spec.ajv.compile(schema)
    spec.validators.set(key, fn)
  }
  return fn
}

function explain(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const params = e.keyword === 'enum' ? ` (${JSON.stringify(e.params.allowedValues)})` : ''
    const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : ''
    return `${where}${e.instancePath} ${e.message}${extra}${params}`
  })
}

/** Turns a query-string value into the type its schema declares, so `per_page=100` checks as an integer. */
function coerce(value: string, schema: JsonObject): Json {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

/** What the stand-in saw of one request, as far as validation needs it. */
export interface RequestParts {
  pathParams: Record<string, string>
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON body, `undefined` when the request had none. */
  body: unknown
}

/** Checks a request against its operation; returns one message per problem (empty when valid). */
export function checkRequest(operation: Operation, parts: RequestParts): string[] {
  const problems: string[] = []
  const known = new Set<string>()
  for (const param of operation.parameters) {
    const key = `${operation.operationId}:${param.in}:${param.name}`
    if (param.in === 'path') {
      const value = parts.pathParams[param.name]
      const fn = validator(key, param.schema)
      if (value === undefined) problems.push(`path parameter '${param.name}' is missing`)
      else if (!fn(coerce(value, param.schema))) problems.push(...explain(fn.errors, `path '${param.name}'`))
    } else if (param.in === 'query') {
      known.add(param.name)
      const values = parts.query.getAll(param.name)
      if (values.length === 0) {
        if (param.required) problems.push(`query parameter '${param.name}' is required`)
        continue
      }
      const fn = validator(key, param.schema)
      const isArray = param.schema.type === 'array'
      const value = isArray
        ? values.map((v) => coerce(v, (param.schema.items as JsonObject | undefined) ?? {}))
        : coerce(values[0], param.schema)
      if (!isArray && values.length > 1) problems.push(`query parameter '${param.name}' is repeated`)
      if (!fn(value)) problems.push(...explain(fn.errors, `query '${param.name}'`))
    } else if (
      param.in === 'header' &&
      param.required &&
      parts.headers[param.name.toLowerCase()] === undefined
    ) {
      problems.push(`header '${param.name}' is required`)
    }
  }
  for (const name of new Set(parts.query.keys())) {
    if (!known.has(name))
      problems.push(`query parameter '${name}' is not defined for ${operation.operationId}`)
  }
  if (operation.bodySchema) {
    if (parts.body === undefined) {
      if (operation.bodyRequired) problems.push('request body is required')
    } else {
      const fn = validator(`${operation.operationId}:body`, operation.bodySchema)
      if (!fn(parts.body)) problems.push(...explain(fn.errors, 'body'))
    }
  } else if (parts.body !== undefined) {
    problems.push(`${operation.operationId} takes no request body`)
  }
  return problems
}

/** Checks a response the stand-in is about to send against the documented schema for that status. */
export function checkResponse(operation: Operation, status: number, body: unknown): string[] {
  const key = String(status)
  if (!(key in operation.responses) && !('default' in operation.responses)) {
    return [`status ${status} is not documented for ${operation.operationId}`]
  }
  const schema = key in operation.responses ? operation.responses[key] : operation.responses.default
  if (!schema) return body === undefined ? [] : [`status ${status} of ${operation.operationId} has no body`]
  const fn = validator(`${operation.operationId}:response:${key}`, schema)
  return fn(body) ? [] : explain(fn.errors, `response ${status}`)
}

/** Validates data against a named component schema (e.g. `webhook-issues-closed`); empty when valid. */
export function checkComponent(name: string, data: unknown): string[] {
  const fn = validator(`component:${name}`, { $ref: `${ROOT_ID}#/components/schemas/${name}` })
  return fn(data) ? [] : explain(fn.errors, name)
}
