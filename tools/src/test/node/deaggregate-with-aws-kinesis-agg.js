'use strict';
// De-aggregates Kinesis records with awslabs' own reader (the npm module aws-kinesis-agg), so that tests can check
// what the producer wrote with an implementation of the format it did not write.
//
// Input (file named by the first argument): a JSON array of Kinesis records
//   {"partitionKey": "...", "sequenceNumber": "...", "data": "<base64>"}.
// Output (stdout): a JSON array of their user records, checksums verified, in order
//   {"partitionKey": "...", "sequenceNumber": "...", "subSequenceNumber": n or null, "data": "<base64>"}
// (a record that is not an aggregate is its own user record, without a sub-sequence number).
const fs = require('fs');
const { deaggregateSync } = require('aws-kinesis-agg');

const records = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = [];
let failure = null;
for (const record of records) {
  deaggregateSync(record, true, (err, userRecords) => {
    if (err) {
      failure = failure || err;
      return;
    }
    for (const user of userRecords) {
      out.push({
        partitionKey: user.partitionKey,
        sequenceNumber: user.sequenceNumber,
        subSequenceNumber: user.subSequenceNumber === undefined ? null : user.subSequenceNumber,
        data: user.data,
      });
    }
  });
}
if (failure) {
  console.error(String(failure));
  process.exit(1);
}
process.stdout.write(JSON.stringify(out));
