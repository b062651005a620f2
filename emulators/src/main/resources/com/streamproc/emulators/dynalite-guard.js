'use strict'
// Runs dynalite's CLI and keeps it alive when a client drops its connection while dynalite is still reading the
// request.
//
//   node dynalite-guard.js <path to dynalite/cli.js> [dynalite args...]
//
// dynalite rethrows request errors from an event handler (req.on('error', err => { throw err })), so a client
// that gives up on a slow request ("Error: aborted", ECONNRESET) ends the whole server, and with it every test that
// shares it. Such a request never reached dynalite's store: dropping it, and logging that, is all there is to do.
// Any other uncaught error still ends the process, as before.
const [cli, ...args] = process.argv.slice(2)
if (!cli) {
  console.error('usage: node dynalite-guard.js <dynalite/cli.js> [args...]')
  process.exit(2)
}

process.on('uncaughtException', (err) => {
  if (err && err.code === 'ECONNRESET') {
    console.error(`[dynalite-guard] a client dropped its connection mid-request (${err.message}); server kept running`)
    return
  }
  console.error(err)
  process.exit(1)
})

process.argv = [process.argv[0], cli, ...args]
require(cli)
