// JSON-lines worker: the Digital Bazaar reference peer for Mixtape.
//
// One request per stdin line, one reply per stdout line, in order. A bad
// request gets {"ok":false,"error":…}; the worker itself keeps running.
// Ops: sign, verify, verify_presentation, bench, ping. See ../README.md.
import {createInterface} from 'node:readline';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfcCryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {
  createSignCryptosuite as jcsSignCryptosuite,
  createVerifyCryptosuite as jcsVerifyCryptosuite,
} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import {createDocumentLoader, loadContexts} from './loader.mjs';

const {AssertionProofPurpose, AuthenticationProofPurpose} = jsigs.purposes;
const {contexts, indexPath} = loadContexts(process.env.MIXTAPE_CONTEXT_INDEX);
const documentLoader = createDocumentLoader({contexts});
const SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022'];

function signCryptosuite(name) {
  if(name === 'eddsa-rdfc-2022') {
    return rdfcCryptosuite;
  }
  if(name === 'eddsa-jcs-2022') {
    return jcsSignCryptosuite();
  }
  throw new Error(`unknown suite "${name}"; expected one of ${SUITES.join(', ')}`);
}

// The verifier accepts both suites, as a relying party would.
function verifySuites() {
  return [
    new DataIntegrityProof({cryptosuite: rdfcCryptosuite}),
    new DataIntegrityProof({cryptosuite: jcsVerifyCryptosuite()}),
  ];
}

async function signingSuite({suite, key, created}) {
  const cryptosuite = signCryptosuite(suite);
  const keyPair = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    ...key,
  });
  // created: undefined -> now; null -> omitted; string -> that instant.
  return new DataIntegrityProof({
    signer: keyPair.signer(), date: created, cryptosuite,
  });
}

function signingPurpose({proofPurpose = 'assertionMethod', challenge, domain}) {
  if(proofPurpose === 'authentication') {
    return new AuthenticationProofPurpose({challenge, domain});
  }
  if(proofPurpose === 'assertionMethod') {
    return new AssertionProofPurpose();
  }
  throw new Error(`unsupported proofPurpose "${proofPurpose}"`);
}

async function sign(request, suite) {
  const document = request.credential ?? request.presentation ?? request.document;
  suite ??= await signingSuite(request);
  const purpose = signingPurpose(request);
  return jsigs.sign(structuredClone(document), {suite, purpose, documentLoader});
}

function describe(error) {
  if(!error) {
    return [];
  }
  if(Array.isArray(error)) {
    return error.flatMap(describe);
  }
  if(error.errors) {
    return [error.message, ...describe(error.errors)].filter(Boolean);
  }
  return [error.message ?? String(error)];
}

// jsonld-signatures calls a proof set verified when ANY matching proof
// verifies; interop needs every proof checked, so `verified` here requires
// all matched proofs to verify and reports each one.
function summarize(result, document) {
  const results = result.results ?? [];
  const proofs = results.filter(r => r.proof).map(r => ({
    cryptosuite: r.proof.cryptosuite,
    verificationMethod: r.proof.verificationMethod,
    verified: Boolean(r.verified),
    errors: describe(r.error ?? r.purposeResult?.error),
  }));
  const proofCount = [].concat(document?.proof ?? []).length;
  const verified = Boolean(result.verified) && proofs.length > 0 &&
    proofs.every(p => p.verified);
  const errors = [...describe(result.error), ...proofs.flatMap(p => p.errors)];
  return {verified, verified_any: Boolean(result.verified), proofs, proof_count: proofCount,
    errors: [...new Set(errors)]};
}

// Status lists are out of scope for a signature peer; say so instead of
// letting @digitalbazaar/vc refuse the credential.
async function statusNotChecked() {
  return {verified: true, note: 'credentialStatus not checked by the interop peer'};
}

async function verifyOnce({credential, mode = 'credential', now}) {
  if(mode === 'proof') {
    return jsigs.verify(credential, {
      suite: verifySuites(), purpose: new AssertionProofPurpose(), documentLoader,
    });
  }
  if(mode !== 'credential') {
    throw new Error(`unknown verify mode "${mode}"; expected credential or proof`);
  }
  return vc.verifyCredential({
    credential, suite: verifySuites(), documentLoader, now, checkStatus: statusNotChecked,
  });
}

async function verify(request) {
  documentLoader.addDidDocuments(request.didDocuments);
  return summarize(await verifyOnce(request), request.credential);
}

async function verifyPresentation({presentation, challenge, domain, now}) {
  const result = await vc.verify({
    presentation, challenge, domain, now, suite: verifySuites(), documentLoader,
    checkStatus: statusNotChecked,
  });
  const presentationSummary = summarize(result.presentationResult ?? result, presentation);
  const credentials = (result.credentialResults ?? []).map(
    r => summarize(r, r.credential));
  const verified = Boolean(result.verified) && presentationSummary.verified &&
    credentials.every(c => c.verified);
  const errors = [...describe(result.error), ...presentationSummary.errors,
    ...credentials.flatMap(c => c.errors)];
  return {verified, presentation: presentationSummary, credentials,
    errors: [...new Set(errors)]};
}

// Measured inside node so the benchmark compares like with like (no pipe or
// JSON cost). One warm-up call fills the JSON-LD context caches first.
async function bench({action, n = 200, ...request}) {
  // An issuer imports its key once; only the signing is timed.
  const suite = action === 'sign' ? await signingSuite(request) : null;
  const once = action === 'sign' ? () => sign(request, suite) :
    action === 'verify' ? () => verifyOnce(request) : null;
  if(!once) {
    throw new Error(`unknown bench action "${action}"; expected sign or verify`);
  }
  const warm = await once();
  if(action === 'verify' && !warm.verified) {
    throw new Error(`bench credential does not verify: ${describe(warm.error)}`);
  }
  const start = process.hrtime.bigint();
  for(let i = 0; i < n; i++) {
    await once();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {n, seconds, ops_per_sec: n / seconds};
}

const OPS = {
  ping: async () => ({index: indexPath, versions: process.versions.node}),
  sign: async request => ({signed: await sign(request)}),
  verify,
  verify_presentation: verifyPresentation,
  bench,
};

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
    const op = OPS[request.op];
    if(!op) {
      throw new Error(`unknown op "${request.op}"; expected ${Object.keys(OPS).join(', ')}`);
    }
    return {ok: true, ...(await op(request))};
  } catch(error) {
    return {ok: false, error: describe(error).join('; ') || String(error)};
  }
}

const lines = createInterface({input: process.stdin, crlfDelay: Infinity});
for await (const line of lines) {
  if(line.trim()) {
    process.stdout.write(JSON.stringify(await handle(line)) + '\n');
  }
}
