'use strict'
// Runs one emulator as a child process and makes sure it never outlives the JVM that started it.
//
//   node watchdog.js <server-script.js> [server args...]
//
// The server runs on this same node binary with stdout/stderr inherited. It is stopped (SIGTERM, then
// SIGKILL after a short grace period: kinesis-mock ignores SIGTERM while HTTP keep-alive connections are
// open) when:
//   - this process's stdin reaches EOF: the JVM holds the write end of the pipe, so the kernel closes it
//     when the JVM exits for any reason, SIGKILL included;
//   - the parent process is gone (re-parented, or kill(ppid, 0) fails), checked every 500 ms;
//   - this process gets SIGTERM, SIGINT or SIGHUP.
// The watchdog exits only after it has reaped the server, so no zombie is left for pid 1 to collect
// (in containers pid 1 often never reaps).
const { spawn } = require('child_process')

const [script, ...args] = process.argv.slice(2)
if (!script) {
  console.error('usage: node watchdog.js <server-script.js> [args...]')
  process.exit(2)
}

const GRACE_MS = 300
const GIVE_UP_MS = 5000
const POLL_MS = 500
const parentPid = process.ppid
const log = (message) => console.error(`[watchdog ${process.pid}] ${message}`)

const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] })
let stopping = false

function stop (reason) {
  if (stopping) return
  stopping = true
  log(`stopping server pid ${child.pid}: ${reason}`)
  if (child.exitCode !== null || child.signalCode !== null) process.exit(0)
  try { child.kill('SIGTERM') } catch (e) { /* already gone */ }
  // the 'exit' handler below ends this process once the server is reaped
  setTimeout(() => {
    try { child.kill('SIGKILL') } catch (e) { /* already gone */ }
  }, GRACE_MS)
  setTimeout(() => process.exit(1), GIVE_UP_MS).unref()
}

child.on('error', (err) => {
  log(`cannot start ${script}: ${err.message}`)
  process.exit(127)
})
child.on('exit', (code, signal) => {
  if (!stopping) log(`server exited by itself (code ${code}, signal ${signal})`)
  process.exit(code === null ? (stopping ? 0 : 1) : code)
})

process.stdin.on('end', () => stop('stdin closed'))
process.stdin.on('close', () => stop('stdin closed'))
process.stdin.on('error', (err) => stop(`stdin error: ${err.message}`))
process.stdin.resume()

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal))

setInterval(() => {
  let alive = process.ppid === parentPid
  if (alive) {
    try {
      process.kill(parentPid, 0)
    } catch (e) {
      alive = e.code === 'EPERM'
    }
  }
  if (!alive) stop(`parent process ${parentPid} is gone`)
}, POLL_MS)
