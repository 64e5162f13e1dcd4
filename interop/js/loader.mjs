// Offline JSON-LD document loader for the interop peer.
//
// Contexts come from the Python package's bundled contexts (so both sides
// canonicalize against the very same bytes); keys are never fetched: did:key
// and the 1EdTech `https://issuer.example/x#z6Mk…` form both carry the public
// key in the identifier itself.
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const INDEX_CANDIDATES = [
  join(REPO, 'src', 'mixtape', 'jsonld', 'contexts', 'index.json'),
  join(REPO, 'tests', 'conformance', 'contexts', 'index.json'),
];
const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

// Accepts the two index shapes in the repo: {"contexts":[{url,file},…]}
// (first entry for a URL wins) or a plain {url: file | {file}} mapping.
function indexEntries(index) {
  if(Array.isArray(index.contexts)) {
    return index.contexts.map(entry => [entry.url, entry.file]);
  }
  const source = index.contexts && typeof index.contexts === 'object' ?
    index.contexts : index;
  return Object.entries(source)
    .filter(([url]) => !url.startsWith('_'))
    .map(([url, value]) => [url, typeof value === 'string' ? value : value.file]);
}

export function loadContexts(indexPath) {
  const path = indexPath ?? INDEX_CANDIDATES.find(candidate => {
    if(!existsSync(candidate)) {
      return false;
    }
    return indexEntries(JSON.parse(readFileSync(candidate, 'utf8'))).length > 0;
  });
  if(!path) {
    throw new Error(`no context index found in ${INDEX_CANDIDATES.join(', ')}`);
  }
  const contexts = new Map();
  for(const [url, file] of indexEntries(JSON.parse(readFileSync(path, 'utf8')))) {
    if(url && file && !contexts.has(url)) {
      contexts.set(url, JSON.parse(readFileSync(join(dirname(path), file), 'utf8')));
    }
  }
  return {contexts, indexPath: path};
}

function multikeyMethod({id, controller, publicKeyMultibase}) {
  return {'@context': MULTIKEY_V1, id, type: 'Multikey', controller, publicKeyMultibase};
}

// A controller document in the DID-document shape, which jsonld-signatures
// checks without JSON-LD framing.
function controllerDocument({id, methodIds, methods = []}) {
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id,
    verificationMethod: methods,
    assertionMethod: methodIds,
    authentication: methodIds,
  };
}

function resolveDidKey(url) {
  const [did, fragment] = url.split('#');
  const multikey = did.slice('did:key:'.length);
  const methodId = `${did}#${multikey}`;
  const method = multikeyMethod({id: methodId, controller: did, publicKeyMultibase: multikey});
  if(fragment !== undefined) {
    if(fragment !== multikey) {
      throw new Error(`did:key fragment does not match the key: ${url}`);
    }
    return method;
  }
  // A bare did:key used as a verificationMethod (as in the 1EdTech validator
  // samples) must also read as a Multikey, so the DID document doubles as one.
  return {
    ...controllerDocument({id: did, methodIds: [methodId, did], methods: [method]}),
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: multikey,
  };
}

export function createDocumentLoader({contexts}) {
  // Verification methods seen per controller URL: the controller document of
  // an https issuer is synthesized from the keys its proofs named.
  const methodsByController = new Map();
  // did:web documents the caller handed over (the peer never fetches).
  const didDocuments = new Map();

  function resolveDidWeb(url) {
    const [did, fragment] = url.split('#');
    const document = didDocuments.get(did);
    if(!document) {
      throw new Error(`offline loader has no DID document for "${did}"`);
    }
    if(fragment === undefined) {
      return document;
    }
    const method = (document.verificationMethod || []).find(m => m.id === url);
    if(!method) {
      throw new Error(`"${did}" lists no verification method "${url}"`);
    }
    return {'@context': MULTIKEY_V1, ...method};
  }

  function resolveHttpsKey(url) {
    const [controller, fragment] = url.split('#');
    if(fragment === undefined) {
      if(!methodsByController.has(controller)) {
        throw new Error(`offline loader cannot load "${url}"`);
      }
      const methodIds = [...methodsByController.get(controller)];
      return controllerDocument({id: controller, methodIds});
    }
    if(!fragment.startsWith('z')) {
      throw new Error(`verification method fragment is not a multikey: ${url}`);
    }
    if(!methodsByController.has(controller)) {
      methodsByController.set(controller, new Set());
    }
    methodsByController.get(controller).add(url);
    return multikeyMethod({id: url, controller, publicKeyMultibase: fragment});
  }

  async function documentLoader(url) {
    let document;
    if(contexts.has(url)) {
      document = contexts.get(url);
    } else if(url.startsWith('did:key:')) {
      document = resolveDidKey(url);
    } else if(url.startsWith('did:web:')) {
      document = resolveDidWeb(url);
    } else if(url.startsWith('https://') || url.startsWith('http://')) {
      document = resolveHttpsKey(url);
    } else {
      throw new Error(`offline loader cannot load "${url}"`);
    }
    return {contextUrl: null, documentUrl: url, document};
  }
  documentLoader.addDidDocuments = documents => {
    for(const document of documents || []) {
      didDocuments.set(document.id, document);
    }
  };
  return documentLoader;
}
