// The Zoom Rivet arm of `zoom-host bench`: Zoom's official Node.js SDK (@zoom/rivet) against
// the simulator. Reads one JSON job on stdin:
//   {"api_url", "token", "workload": "get-meeting" | "create-meeting" | "list-users",
//    "count", "warmup", "meeting_id", "create_body", "page_size", "expected_users"}
// runs the workload warmup + count times, checks every answer, and prints one JSON line:
//   {"workload", "samples_us": [...], "checked": n}
// Rivet's OAuth URL is fixed (https://zoom.us), so its token store is seeded with a simulator
// token that does not expire during the run: Rivet never asks for another.
import { MeetingsS2SAuthClient } from "@zoom/rivet/meetings";
import { UsersS2SAuthClient } from "@zoom/rivet/users";

const job = JSON.parse(await readStdin());
const tokenStore = {
  getLatestToken: () => ({
    accessToken: job.token,
    expirationTimeIso: new Date(Date.now() + 3_600_000).toISOString(),
    scopes: [],
  }),
  storeToken: () => {},
};
const options = {
  clientId: "bench",
  clientSecret: "bench",
  accountId: "bench",
  tokenStore,
  baseUrl: job.api_url,
  disableReceiver: true,
};

const workloads = {
  "get-meeting": async () => {
    const client = new MeetingsS2SAuthClient(options);
    return async () => {
      const { statusCode, data } = await client.endpoints.meetings.getMeeting({
        path: { meetingId: job.meeting_id },
      });
      check(statusCode === 200 && data.id === job.meeting_id, `get-meeting answered ${statusCode}`);
    };
  },
  "create-meeting": async () => {
    const client = new MeetingsS2SAuthClient(options);
    return async () => {
      const { statusCode, data } = await client.endpoints.meetings.createMeeting({
        path: { userId: "me" },
        body: job.create_body,
      });
      check(statusCode === 201 && typeof data.id === "number", `create-meeting answered ${statusCode}`);
    };
  },
  "list-users": async () => {
    const client = new UsersS2SAuthClient(options);
    return async () => {
      const seen = new Set();
      let nextPageToken;
      do {
        const query = { status: "active", page_size: job.page_size };
        if (nextPageToken) query.next_page_token = nextPageToken;
        const { statusCode, data } = await client.endpoints.users.listUsers({ query });
        check(statusCode === 200, `list-users answered ${statusCode}`);
        for (const user of data.users) seen.add(user.id);
        nextPageToken = data.next_page_token;
      } while (nextPageToken);
      check(seen.size === job.expected_users, `list-users listed ${seen.size} of ${job.expected_users}`);
    };
  },
};

const make = workloads[job.workload];
check(make !== undefined, `unknown workload ${job.workload}`);
const once = await make();
const samples = [];
for (let i = 0; i < job.warmup + job.count; i++) {
  const started = process.hrtime.bigint();
  await once();
  const took = Number(process.hrtime.bigint() - started) / 1000;
  if (i >= job.warmup) samples.push(took);
}
process.stdout.write(JSON.stringify({ workload: job.workload, samples_us: samples, checked: samples.length }) + "\n");

function check(ok, message) {
  if (!ok) {
    process.stderr.write(`rivet arm: ${message}\n`);
    process.exit(1);
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
