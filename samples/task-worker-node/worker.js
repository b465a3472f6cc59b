// A pull worker for the AmazonScale task queue in plain Node.js (no SDK, no npm dependencies), authenticated by its
// worker key (WORKER_KEY, sent as X-Worker-Key):
// lease a task, heartbeat while working (stopping when cancellation is requested), then complete or fail,
// always presenting the lease's fencing token.
'use strict';

const http = require('node:http');

const queueUrl = new URL(process.env.TASK_QUEUE_URL || 'http://127.0.0.1:5601');
const workerId = process.env.WORKER_ID || `node-${process.pid}`;
const taskTypes = (process.env.TASK_TYPES || 'node-echo,node-sleep,node-fail').split(',').map((t) => t.trim()).filter(Boolean);
const leaseSeconds = Number(process.env.LEASE_SECONDS || 10);
const workerKey = process.env.WORKER_KEY || '';
const port = Number(process.env.PORT || 5603);
const idleMs = 200;

let stopping = false;
let current = null;

function call(path, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, queueUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-worker-key': workerKey },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: text ? JSON.parse(text) : null }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Task handlers by type. `signal` aborts when the queue asks for cancellation or the lease is lost.
const handlers = {
  'node-echo': async (task) => ({ echo: task.payload, worker: 'node', attempt: task.attempt }),
  'node-sleep': async (task, signal) => {
    const ms = Number((task.payload && task.payload.ms) || 1000);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (signal.aborted) throw new Error('cancelled');
      await sleep(Math.min(100, until - Date.now()));
    }
    return { slept_ms: ms, worker: 'node' };
  },
  'node-fail': async (task) => { throw new Error(`failing on purpose (attempt ${task.attempt})`); },
};

function report(verb, task, extra) {
  return call(`/api/v1/workers/${encodeURIComponent(workerId)}/${verb}`,
    { task_id: task.task_id, fencing_token: task.fencing_token, ...extra });
}

async function heartbeatUntil(task, controller, done) {
  const interval = Math.max(250, (leaseSeconds * 1000) / 3);
  while (!done.value) {
    await sleep(interval);
    if (done.value) return;
    const beat = await report('heartbeat', task, { lease_seconds: leaseSeconds }).catch(() => null);
    if (!beat || beat.status !== 200 || beat.body.cancel_requested) {
      controller.abort();
      return;
    }
  }
}

async function work(task) {
  const controller = new AbortController();
  const done = { value: false };
  const beats = heartbeatUntil(task, controller, done);
  let outcome;
  try {
    // Exact type first, then by prefix ("node-echo-eu" is handled as "node-echo").
    const handler = handlers[task.task_type] || Object.entries(handlers).find(([type]) => task.task_type.startsWith(`${type}-`))?.[1];
    if (!handler) throw new Error(`no handler for ${task.task_type}`);
    outcome = { verb: 'complete', extra: { result: await handler(task, controller.signal) } };
  } catch (error) {
    outcome = { verb: 'fail', extra: { error: String(error.message || error) } };
  }
  done.value = true;
  await beats;
  const answer = await report(outcome.verb, task, outcome.extra);
  if (answer.status === 409) {
    console.log(`task ${task.task_id}: fenced off (token ${task.fencing_token} is stale), result dropped`);
  } else {
    console.log(`task ${task.task_id}: ${outcome.verb} -> ${answer.status}`);
  }
}

async function loop() {
  const types = encodeURIComponent(taskTypes.join(','));
  while (!stopping) {
    try {
      const lease = await call(`/api/v1/workers/${encodeURIComponent(workerId)}/lease?types=${types}&lease_seconds=${leaseSeconds}`);
      if (lease.status === 200) {
        current = lease.body;
        console.log(`task ${current.task_id}: leased (token ${current.fencing_token})`);
        await work(current);
        current = null;
      } else if (lease.status === 401 || lease.status === 403) {
        console.log(`lease refused (${lease.status}): ${lease.body && lease.body.detail}; set WORKER_KEY`);
        await sleep(1000);
      } else {
        // 204 nothing ready; 429 the pool of these types is full.
        await sleep(lease.status === 429 ? 1000 : idleMs);
      }
    } catch (error) {
      console.log(`queue unreachable: ${error.message}`);
      await sleep(1000);
    }
  }
}

// Health endpoint for the orchestrator; the work itself needs no inbound port.
http.createServer((request, response) => {
  response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
  response.end(request.url === '/health' ? 'Healthy' : '');
}).listen(port, '127.0.0.1', () => {
  console.log(`worker ready: ${workerId} pulling ${taskTypes.join(',')} from ${queueUrl.origin}, health on ${port}`);
  loop();
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { stopping = true; process.exit(0); });
}
