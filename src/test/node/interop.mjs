// Confluent's official Node.js Schema Registry client, driven by NodeInteropIT against
// claimstream's embedded registry and Java serdes. Prints one JSON line on stdout.
//
//   node interop.mjs produce URL TOPIC SCHEMA_FILE RECORD_JSON
//     registers SCHEMA_FILE under TOPIC-value, serializes RECORD_JSON with the latest
//     version, prints {"id": ..., "bytes": base64}
//   node interop.mjs consume URL TOPIC BASE64
//     deserializes the bytes, prints the record
import { readFileSync } from 'node:fs';
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

try {
  const result = mode === 'produce' ? await produce(...rest) : await consume(...rest);
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(`interop ${mode} failed: ${e.stack ?? e}`);
  process.exit(1);
}
