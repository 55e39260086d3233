/**
 * A small HTTP proxy in front of Azurite. The cache stand-in hands out signed URLs that point here, so tests can
 * make blob storage fail mid-upload or mid-download exactly like a flaky network would, while the bytes that do
 * get through come from a real blob service. SAS signatures cover the account/container/blob path, not the
 * host, so forwarding with a rewritten Host header keeps them valid.
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** Ways the blob storage can fail. `afterBytes` defaults to half of a small archive's worth (64 bytes). */
export type BlobFault =
  /** PUTs are answered with `status` (default 403, which the Azure SDK does not retry) after `afterBytes`. */
  | { kind: 'upload-reject'; afterBytes?: number; status?: number }
  /**
   * PUT connections are cut after `afterBytes`. The Azure SDK retries network errors 4 times with 0/4/12 s
   * back-off, so a save against this fault takes about 16 s to fail.
   */
  | { kind: 'upload-cut'; afterBytes?: number }
  /** GETs receive the real headers (full Content-Length) and the first `afterBytes` bytes, then a cut. */
  | { kind: 'download-cut'; afterBytes?: number }
  /** GETs are answered with `status` and an Azure-style error body. */
  | { kind: 'download-status'; status: number }

/** A running proxy. */
export interface BlobProxy {
  /** e.g. `http://127.0.0.1:40123` */
  origin: string
  setFault(fault: BlobFault | null): void
  stop(): Promise<void>
}

const DEFAULT_AFTER_BYTES = 64

function azureError(res: http.ServerResponse, status: number, code: string): void {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>Injected fault</Message></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, connection: 'close' })
  res.end(body)
}

/** Starts the proxy on a free 127.0.0.1 port, forwarding to Azurite on `targetPort`. */
export async function startBlobProxy(targetPort: number): Promise<BlobProxy> {
  let fault: BlobFault | null = null
  const sockets = new Set<Socket>()

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, cutAfter?: number): void => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${targetPort}` },
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers)
        if (cutAfter === undefined) {
          reply.pipe(res)
          return
        }
        let sent = 0
        const cut = (): void => {
          if (cutting) return
          cutting = true
          // Cut only once the headers and the partial body have been flushed to the client.
          res.write(Buffer.alloc(0), () => res.socket?.destroy())
        }
        reply.on('data', (chunk: Buffer) => {
          if (cutting) return
          const part = chunk.subarray(0, cutAfter - sent)
          sent += part.length
          res.write(part)
          if (sent >= cutAfter) cut()
        })
        // A body shorter than the cut point is still cut before its end.
        reply.on('end', cut)
      },
    )
    let cutting = false
    upstream.on('error', () => {
      if (!cutting) res.socket?.destroy()
    })
    req.pipe(upstream)
  }

  const server = http.createServer((req, res) => {
    const current = fault
    const isUpload = req.method === 'PUT'
    const isDownload = req.method === 'GET' || req.method === 'HEAD'
    if (current && isUpload && (current.kind === 'upload-reject' || current.kind === 'upload-cut')) {
      const limit = current.afterBytes ?? DEFAULT_AFTER_BYTES
      let received = 0
      let done = false
      const act = (): void => {
        if (done) return
        done = true
        if (current.kind === 'upload-cut') req.socket.destroy()
        else azureError(res, current.status ?? 403, 'AuthorizationFailure')
      }
      req.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received >= limit) act()
      })
      req.on('end', act)
      return
    }
    if (current && isDownload && current.kind === 'download-status') {
      azureError(res, current.status, current.status === 404 ? 'BlobNotFound' : 'InternalError')
      return
    }
    const cut = current && isDownload && current.kind === 'download-cut'
    forward(req, res, cut ? (current.afterBytes ?? DEFAULT_AFTER_BYTES) : undefined)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    setFault(next) {
      fault = next
    },
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
