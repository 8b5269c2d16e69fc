// The component's actions and webhook trigger from Node.js, through the JS that `jco transpile`
// made of it. Driven by host-test/cli/tests/it/jco_node.rs, which starts `zoom-host simulate` in
// its own process (preview2-shim's outgoing HTTP blocks this thread on a worker, so the simulator
// must not share it), transpiles the release `.wasm` and checks every line printed here.
//
// Environment: JCO_COMPONENT (the transpiled module's .js), ZOOM_API_URL, ZOOM_OAUTH_URL,
// ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET (what `zoom-host simulate` prints), and
// optionally JCO_DELIVERIES: webhook deliveries to verify with ZOOM_WEBHOOK_SECRET_TOKEN, as JSON
// [{label, headers: [[k, v]], body}], signed by the Rust test so the signing is not the component's.
//
// Output: one JSON object per line, `{"step": ..., ...}`; u64s (BigInt in JS) as decimal strings.
// Nothing secret is printed: the suite greps its output for every secret it used.

import { pathToFileURL } from "node:url";

function need(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const component = await import(pathToFileURL(need("JCO_COMPONENT")).href);
const { actions, triggers } = component;

// BigInt has no JSON form; the Rust side reads ids as digit strings.
function print(line) {
  process.stdout.write(JSON.stringify(line, (_, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");
}

// A WIT `result` error arrives as a thrown ComponentError whose `payload` is the `zoom-error`
// variant ({tag, val}); anything else thrown is a trap or a bindings bug, reported as such.
function attempt(step, call) {
  try {
    const value = call();
    return { ok: value };
  } catch (e) {
    if (e && e.payload && typeof e.payload.tag === "string") {
      return { err: e.payload };
    }
    print({ step, trap: String(e && e.stack ? e.stack : e) });
    process.exit(1);
  }
}

const conn = {
  tag: "server-to-server",
  val: {
    accountId: need("ZOOM_ACCOUNT_ID"),
    clientId: need("ZOOM_CLIENT_ID"),
    clientSecret: need("ZOOM_CLIENT_SECRET"),
    oauthBaseUrl: need("ZOOM_OAUTH_URL"),
    apiBaseUrl: need("ZOOM_API_URL"),
  },
};

const info = attempt("test-connection", () => actions.testConnection(conn));
print({
  step: "test-connection",
  ...(info.ok
    ? { userId: info.ok.userId, email: info.ok.email, accountId: info.ok.accountId, kind: info.ok.connectionKind }
    : { err: info.err }),
});
if (!info.ok) process.exit(1);

const created = attempt("create-meeting", () =>
  actions.createMeeting(conn, {
    topic: "From Node via jco",
    startTime: "2030-01-01T10:00:00Z",
    duration: 45,
    settings: { approvalType: "automatic" },
  }),
);
if (!created.ok) {
  print({ step: "create-meeting", err: created.err });
  process.exit(1);
}
const meetingId = created.ok.id;
print({ step: "create-meeting", id: meetingId, idType: typeof meetingId, topic: created.ok.topic });

// Read back by the id the create returned, so the id survived the BigInt round trip.
const read = attempt("get-meeting", () => actions.getMeeting(conn, { meetingId }));
print({ step: "get-meeting", ...(read.ok ? { id: read.ok.id, topic: read.ok.topic, duration: read.ok.duration } : { err: read.err }) });

for (const [email, firstName] of [
  ["ada@example.com", "Ada"],
  ["grace@example.com", "Grace"],
]) {
  const added = attempt("add-meeting-registrant", () =>
    actions.addMeetingRegistrant(conn, { meetingId, email, firstName, lastName: "Node" }),
  );
  print({
    step: "add-meeting-registrant",
    ...(added.ok ? { email, registrantId: added.ok.registrantId, meetingId: added.ok.meetingId } : { err: added.err }),
  });
}

const listed = attempt("list-meeting-registrants", () =>
  actions.listMeetingRegistrants(conn, { meetingId, paging: { tag: "all", val: { pageSize: 1 } } }),
);
print({
  step: "list-meeting-registrants",
  ...(listed.ok
    ? { items: listed.ok.items.map((r) => ({ id: r.id, email: r.email, firstName: r.firstName, status: r.status })) }
    : { err: listed.err }),
});

// A meeting id nobody created: Zoom's 404 with code 3001 as the typed `not-found` case.
const missing = attempt("get-meeting-missing", () => actions.getMeeting(conn, { meetingId: 1n }));
print({ step: "not-found", ...(missing.ok ? { unexpected: missing.ok } : { tag: missing.err.tag, val: missing.err.val }) });

const raw = attempt("raw-request", () =>
  actions.rawRequest(conn, { method: "get", path: `/meetings/${meetingId}/registrants`, query: [["page_size", "30"]] }),
);
print({ step: "raw-request", ...(raw.ok ? { status: raw.ok.status, body: raw.ok.body } : { err: raw.err }) });

const deliveries = JSON.parse(process.env.JCO_DELIVERIES || "[]");
const secretToken = deliveries.length ? need("ZOOM_WEBHOOK_SECRET_TOKEN") : undefined;
const encoder = new TextEncoder();
for (const delivery of deliveries) {
  const request = { method: "POST", headers: delivery.headers, body: encoder.encode(delivery.body) };
  const outcome = triggers.webhook(request, { secretToken });
  const line = { step: "webhook", label: delivery.label, outcome: outcome.tag, status: outcome.val.reply.status };
  if (outcome.tag === "event") {
    line.event = outcome.val.event.name;
    line.key = outcome.val.event.key;
    line.typed = outcome.val.event.typed.tag;
  } else if (outcome.tag === "rejected") {
    line.reason = outcome.val.reason.tag;
  } else if (outcome.tag === "url-validation") {
    line.body = outcome.val.body;
  }
  print(line);
}
print({ step: "done" });
