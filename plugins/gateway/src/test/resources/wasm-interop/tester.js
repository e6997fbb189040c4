// Runs Nym's own wasm node tester (@nymproject/nym-client-wasm-node) against our network:
// it registers with our gateway and sends test packets through one of our mixnodes back to itself.
// Usage: node tester.js <topology.json> <gateway identity> <mixnode identity>
const fs = require('fs');
globalThis.WebSocket = require('ws').WebSocket;
require('fake-indexeddb/auto'); // the client keeps its keys in IndexedDB
const wasm = require('@nymproject/nym-client-wasm-node');

async function main() {
  const [topologyFile, gateway, mixnode] = process.argv.slice(2);
  const raw = JSON.parse(fs.readFileSync(topologyFile, 'utf8'));
  const nodeDetails = new Map();
  for (const [id, node] of Object.entries(raw.nodeDetails)) {
    nodeDetails.set(Number(id), node);
  }
  const topology = { metadata: raw.metadata, rewardedSet: raw.rewardedSet, nodeDetails };
  wasm.set_panic_hook();
  // The node tester only loads keys from its storage ("_nym-node-tester"); a regular client with
  // that id generates and stores them first (its own gateway selection then fails: no nym-api).
  try {
    await new wasm.NymClient(() => {}, { clientId: '_nym-node-tester',
      nymApiUrl: 'http://127.0.0.1:9/' });
  } catch (e) {
    console.log('KEYS_CREATED (client start failed as expected: ' + e + ')');
  }
  // The wasm constructors return promises; setup_client creates the keys and registers with the
  // gateway.
  const builder = await new wasm.NymNodeTesterBuilder({ topology, gateway });
  const tester = await builder.setup_client();
  console.log('SETUP_OK');
  const result = await tester.test_node(mixnode, 30000n, 5);
  result.log_details();
  console.log('SCORE ' + result.score());
  process.exit(0);
}

main().catch((e) => {
  console.log('FAILED ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
