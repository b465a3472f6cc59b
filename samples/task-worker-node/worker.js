// A pull worker for the AmazonScale task queue in plain Node.js (no SDK, no npm dependencies), authenticated by its
// worker key (WORKER_KEY, sent as X-Worker-Key). Each round leases up to MAX_TASKS tasks in one call (lease?max=N),
// runs them concurrently, heartbeats the unfinished ones in one call (heartbeat/batch; a task whose lease is lost or
// whose cancellation was requested is aborted), and reports them in one call per outcome (complete/batch, fail/batch),
// always presenting each lease's fencing token.
'use strict';

const http = require('node:http');

const queueUrl = new URL(process.env.TASK_QUEUE_URL || 'http://127.0.0.1:5601');
const workerId = process.env.WORKER_ID || `node-${process.pid}`;
const taskTypes = (process.env.TASK_TYPES || 'node-echo,node-sleep,node-fail').split(',').map((t) => t.trim()).filter(Boolean);
const leaseSeconds = Number(process.env.LEASE_SECONDS || 10);
const workerKey = process.env.WORKER_KEY || '';
const maxTasks = Math.max(1, Math.min(1000, Number(process.env.MAX_TASKS || 16)));
const port = Number(process.env.PORT || 5603);
const idleMs = 200;

let stopping = false;

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

const workerPath = (verb) => `/api/v1/workers/${encodeURIComponent(workerId)}/${verb}`;
const reportOf = (task, extra) => ({ task_id: task.task_id, fencing_token: task.fencing_token, ...extra });

// Heartbeats every unfinished task of the round in one call until `finished` settles; aborts those the queue gave up on.
async function heartbeatUntil(running, finished) {
  const interval = Math.max(250, (leaseSeconds * 1000) / 3);
  while (running.size > 0) {
    if (await Promise.race([sleep(interval).then(() => false), finished.then(() => true)])) return;
    const beating = [...running.values()];
    if (beating.length === 0) return;
    const answer = await call(workerPath('heartbeat/batch'), { reports: beating.map(({ task }) => reportOf(task, { lease_seconds: leaseSeconds })) })
      .catch(() => null);
    beating.forEach(({ task, controller }, i) => {
      const result = answer && answer.status === 200 ? answer.body.results[i] : null;
      if (!result || result.status !== 200 || result.cancel_requested) {
        controller.abort();
        running.delete(task.task_id);
      }
    });
  }
}

async function run(task, signal) {
  // Exact type first, then by prefix ("node-echo-eu" is handled as "node-echo").
  const handler = handlers[task.task_type] || Object.entries(handlers).find(([type]) => task.task_type.startsWith(`${type}-`))?.[1];
  try {
    if (!handler) throw new Error(`no handler for ${task.task_type}`);
    return { verb: 'complete', report: reportOf(task, { result: await handler(task, signal) }) };
  } catch (error) {
    return { verb: 'fail', report: reportOf(task, { error: String(error.message || error) }) };
  }
}

async function work(tasks) {
  const running = new Map(tasks.map((task) => [task.task_id, { task, controller: new AbortController() }]));
  const finished = Promise.all([...running.values()].map(async ({ task, controller }) => {
    const outcome = await run(task, controller.signal);
    running.delete(task.task_id);
    return outcome;
  }));
  await heartbeatUntil(running, finished);
  const outcomes = await finished;
  for (const verb of ['complete', 'fail']) {
    const reports = outcomes.filter((outcome) => outcome.verb === verb).map((outcome) => outcome.report);
    if (reports.length === 0) continue;
    const answer = await call(workerPath(`${verb}/batch`), { reports });
    (answer.status === 200 ? answer.body.results : reports.map((r) => ({ task_id: r.task_id, status: answer.status }))).forEach((result, i) => {
      if (result.status === 409) {
        console.log(`task ${result.task_id}: fenced off (token ${reports[i].fencing_token} is stale), result dropped`);
      } else {
        console.log(`task ${result.task_id}: ${verb} -> ${result.status}`);
      }
    });
  }
}

async function loop() {
  const types = encodeURIComponent(taskTypes.join(','));
  while (!stopping) {
    try {
      const lease = await call(`${workerPath('lease')}?types=${types}&lease_seconds=${leaseSeconds}&max=${maxTasks}`);
      if (lease.status === 200) {
        lease.body.tasks.forEach((task) => console.log(`task ${task.task_id}: leased (token ${task.fencing_token})`));
        await work(lease.body.tasks);
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
