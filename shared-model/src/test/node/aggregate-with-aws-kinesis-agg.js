'use strict';
// Aggregates user records with awslabs' own aggregator (the npm module aws-kinesis-agg), so that tests can check
// the project's reader against an implementation of the format it did not write.
//
// Input (file named by the first argument): a JSON array of groups, each an array of user records
//   {"partitionKey": "...", "explicitHashKey": "..." (optional), "data": "<base64>"}.
// Each group is aggregated on its own (forced flush at its end; the aggregator also starts a new aggregate when one
// would pass 1 MiB). Output (stdout): a JSON array of aggregated Kinesis records
//   {"partitionKey": "...", "explicitHashKey": "..." or null, "data": "<base64>"}.
const fs = require('fs');
const { RecordAggregator } = require('aws-kinesis-agg');

const groups = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = [];
let failure = null;
for (const group of groups) {
  const aggregator = new RecordAggregator();
  const records = group.map((r) => {
    const record = { partitionKey: r.partitionKey, data: Buffer.from(r.data, 'base64') };
    if (r.explicitHashKey) {
      record.explicitHashKey = r.explicitHashKey;
    }
    return record;
  });
  aggregator.aggregateRecords(records, true, (err, encoded) => {
    if (err) {
      failure = failure || err;
      return;
    }
    out.push({
      partitionKey: encoded.partitionKey,
      explicitHashKey: encoded.ExplicitHashKey === undefined ? null : encoded.ExplicitHashKey,
      data: encoded.data.toString('base64'),
    });
  });
}
if (failure) {
  console.error(String(failure));
  process.exit(1);
}
process.stdout.write(JSON.stringify(out));
