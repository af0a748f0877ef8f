// The first thing a newcomer types, checked: the README's run command is already serving on BASE; this saves the
// README's workflow, runs it with ?wait= and expects "Hello Ada". Node 20's fetch only: nothing to install.
const base = process.env.BASE ?? 'http://127.0.0.1:7071/api';
const headers = { 'x-api-key': process.env.KEY ?? 'dev-key', 'content-type': 'application/json' };
const workflow = {
  title: 'Hello',
  data: {
    start_node: 't',
    edges: [{ source: 't', target: 'o' }],
    nodes: [
      { id: 't', type: 'trigger-node', data: { input_fields: [{ id: 'name', title: 'Name', type: 'text' }] } },
      { id: 'o', type: 'output-node', data: { output: 'Hello {{ input.name }}' } },
    ],
  },
};

const saved = await fetch(`${base}/v1/workflows`, { method: 'POST', headers, body: JSON.stringify(workflow) });
if (saved.status !== 201) throw new Error(`saving the workflow answered ${saved.status}: ${await saved.text()}`);
const { alias } = await saved.json();
const run = await fetch(`${base}/v1/workflows/${alias}/runs?wait=30`, { method: 'POST', headers, body: JSON.stringify({ name: 'Ada' }) });
const body = await run.json();
if (run.status !== 200 || body.result?.output !== 'Hello Ada') throw new Error(`the run answered ${run.status}: ${JSON.stringify(body)}`);
console.log(`smoke: run ${body.id} ${body.status}: ${body.result.output}`);
