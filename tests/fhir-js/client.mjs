// A web app's FHIR client (fhir-kit-client) against the real application, as FhirJsClientTests starts it: the test
// gives the base URL, an app's and a holder's token and the person; this script prints one JSON summary of what the
// server answered, and exits non-zero on anything unexpected (the test shows its stderr).
import { Client } from 'fhir-kit-client';

const { MES_FHIR_BASE: baseUrl, MES_APP_TOKEN: appToken, MES_HOLDER_TOKEN: holderToken, MES_PATIENT: ins } = process.env;
if (!baseUrl || !appToken || !holderToken || !ins) {
  console.error('MES_FHIR_BASE, MES_APP_TOKEN, MES_HOLDER_TOKEN and MES_PATIENT are required');
  process.exit(2);
}

const app = new Client({ baseUrl, bearerToken: appToken });
const holder = new Client({ baseUrl, bearerToken: holderToken });
const ucum = 'http://unitsofmeasure.org';
const subject = { identifier: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: ins } };
const deviceIdentifier = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: `JS-${ins.slice(-6)}` };

const weight = (id, day, kg, device) => ({
  resourceType: 'Observation',
  identifier: [{ system: 'urn:js-scale', value: id }],
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  subject,
  effectiveDateTime: `2026-05-0${day}T08:00:00Z`,
  valueQuantity: { value: kg, unit: 'kg', system: ucum, code: 'kg' },
  ...(device ? { device: { reference: device } } : {}),
});

const statusOf = (resource) => Client.httpFor(resource).response?.status;
const headerOf = (resource, name) => Client.httpFor(resource).response?.headers.get(name);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const summary = {};
const metadata = await app.capabilityStatement();
summary.fhirVersion = metadata.fhirVersion;

const created = await app.create({ resourceType: 'Observation', body: weight('js-1', 1, 70) });
summary.create = { status: statusOf(created), id: created.id, location: headerOf(created, 'location'), etag: headerOf(created, 'etag') };

const deviceUrl = 'urn:uuid:0b5d8c6e-3d5e-4a43-9a0e-5d0f3b9a7c11';
const transaction = await app.transaction({
  body: {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: deviceUrl,
        resource: { resourceType: 'Device', identifier: [deviceIdentifier], manufacturer: 'Balances SA' },
        request: { method: 'POST', url: 'Device', ifNoneExist: `identifier=${deviceIdentifier.system}|${deviceIdentifier.value}` },
      },
      ...[[2, 71], [3, 72], [4, 73]].map(([day, kg]) => ({
        fullUrl: `urn:uuid:0b5d8c6e-3d5e-4a43-9a0e-5d0f3b9a7c2${day}`,
        resource: weight(`js-${day}`, day, kg, deviceUrl),
        request: { method: 'POST', url: 'Observation' },
      })),
    ],
  },
});
summary.transaction = { type: transaction.type, statuses: transaction.entry.map((e) => e.response.status), locations: transaction.entry.map((e) => e.response.location) };

const again = await app.create({
  resourceType: 'Device',
  body: { resourceType: 'Device', identifier: [deviceIdentifier], manufacturer: 'Balances SA' },
  options: { headers: { 'If-None-Exist': `identifier=${deviceIdentifier.value}` } },
});
summary.deviceAgain = { status: statusOf(again), id: again.id };

// A 201 means committed: the read by id answers once the person's grain has stored the reading.
let read;
for (let attempt = 0; attempt < 100 && !read; attempt++) {
  try {
    read = await holder.read({ resourceType: 'Observation', id: created.id });
  } catch (error) {
    if (error.response?.status !== 404) throw error;
    await sleep(200);
  }
}
summary.read = { id: read?.id, value: read?.valueQuantity?.value, versionId: read?.meta?.versionId };

// Page to the end by the next links, as a web app does; all four readings must be stored first.
let values = [];
let pages = 0;
for (let attempt = 0; attempt < 100; attempt++) {
  values = [];
  pages = 0;
  let page = await holder.search({ resourceType: 'Observation', searchParams: { patient: ins, _sort: 'date', _count: 3, _include: 'Observation:device' } });
  const included = page.entry?.filter((e) => e.search?.mode === 'include').map((e) => e.resource.resourceType) ?? [];
  while (page) {
    pages++;
    values.push(...(page.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource.valueQuantity.value));
    page = await holder.nextPage({ bundle: page });
  }
  summary.included = included;
  if (values.length >= 4) break;
  await sleep(200);
}
summary.search = { values, pages };

try {
  await app.create({
    resourceType: 'Observation',
    body: { ...weight('js-bmi', 5, 22.9), code: { coding: [{ system: 'http://loinc.org', code: '39156-5' }] }, valueQuantity: { value: 22.9, unit: 'kg/m2', system: ucum, code: 'kg/m2' } },
  });
  summary.refusal = { status: 'accepted' };
} catch (error) {
  const data = error.response?.data ?? {};
  const outcome = typeof data === 'string' ? JSON.parse(data) : data;
  summary.refusal = { status: error.response?.status, resourceType: outcome.resourceType, expression: outcome.issue?.[0]?.expression?.[0] };
}

console.log(JSON.stringify(summary));
