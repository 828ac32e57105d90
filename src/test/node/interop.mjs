// Confluent's official Node.js Schema Registry client, driven by NodeInteropIT against
// claimstream's embedded registry and Java serdes. Prints one JSON line on stdout.
//
//   node interop.mjs produce URL TOPIC SCHEMA_FILE RECORD_JSON
//     registers SCHEMA_FILE under TOPIC-value, serializes RECORD_JSON with the latest
//     version, prints {"id": ..., "bytes": base64}
//   node interop.mjs consume URL TOPIC BASE64
//     deserializes the bytes, prints the record
//   node interop.mjs read URL TOPIC BOOTSTRAP COUNT
//     reads TOPIC from the beginning with kafkajs (read_committed, no compression codec
//     registered: gzip is all kafkajs decompresses of its own) until COUNT records have
//     arrived, decodes each value with Confluent's deserializer, prints
//     {"records": [{"partition", "offset", "key", "headers", "value" | "error"}]}
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import {
  AvroDeserializer,
  AvroSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';

const [mode, url, topic, ...rest] = process.argv.slice(2);
const client = new SchemaRegistryClient({ baseURLs: [url] });

async function produce(schemaFile, recordJson) {
  const schema = readFileSync(schemaFile, 'utf8');
  const id = await client.register(`${topic}-value`, { schemaType: 'AVRO', schema });
  // Confluent's documented pattern: register, then serialize with the latest version.
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
  const bytes = await serializer.serialize(topic, JSON.parse(recordJson));
  return { id, bytes: bytes.toString('base64') };
}

async function consume(base64) {
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  return deserializer.deserialize(topic, Buffer.from(base64, 'base64'));
}

async function read(bootstrap, count) {
  const kafka = new Kafka({ clientId: 'interop', brokers: [bootstrap], logLevel: logLevel.NOTHING,
    retry: { retries: 2 } });
  const consumer = kafka.consumer({ groupId: `interop-${topic}-${process.pid}`, readUncommitted: false,
    retry: { retries: 0, restartOnFailure: async () => false } });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const records = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} of ${count} records of ${topic} in 45 s`)), 45_000);
      consumer.on(consumer.events.CRASH, (e) => { clearTimeout(timer); reject(e.payload.error); });
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]));
          const record = { partition, offset: message.offset, key: message.key?.toString() ?? null, headers };
          try {
            record.value = message.value === null ? null : await deserializer.deserialize(topic, message.value);
          } catch (e) {
            record.error = String(e.message ?? e);
          }
          records.push(record);
          if (records.length >= Number(count)) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { records };
}

try {
  const result = mode === 'produce' ? await produce(...rest)
    : mode === 'read' ? await read(...rest) : await consume(...rest);
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(`interop ${mode} failed: ${e.stack ?? e}`);
  process.exit(1);
}
