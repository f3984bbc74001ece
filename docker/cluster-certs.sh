#!/bin/sh
# Development certificates for mutual TLS on the silo and gateway ports (Orleans:Tls, docs/operations.md): a cluster
# authority and one node certificate it issues (serverAuth + clientAuth), made once and kept.
#   cluster-certs.sh <node-dir> <authority-dir>
# <node-dir> gets ca.crt, node.crt and node.key (mounted read-only by every node); the authority's private key stays
# in <authority-dir>, which no node mounts. A deployment issues one certificate per node from its own PKI instead.
set -eu
nodes="$1"
authority="$2"
mkdir -p "$nodes" "$authority"
if [ -s "$nodes/node.crt" ] && [ -s "$nodes/node.key" ] && [ -s "$nodes/ca.crt" ]; then
  echo "cluster certificates already in $nodes"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$authority/ca.key"
openssl req -x509 -new -key "$authority/ca.key" -sha256 -days 825 -subj "/CN=Mon espace sante development cluster authority" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$nodes/ca.crt"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/node.ec"
openssl pkcs8 -topk8 -nocrypt -in "$work/node.ec" -out "$nodes/node.key"
openssl req -new -key "$nodes/node.key" -subj "/CN=mes-cluster-node" -out "$work/node.csr"
cat > "$work/node.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:mes-cluster,DNS:silo1,DNS:silo2,DNS:api,DNS:localhost
EXT
openssl x509 -req -in "$work/node.csr" -CA "$nodes/ca.crt" -CAkey "$authority/ca.key" -CAcreateserial -CAserial "$work/ca.srl" \
  -sha256 -days 397 -extfile "$work/node.ext" -out "$nodes/node.crt"
# The nodes run as the image's app user (uid 1654).
chmod 0644 "$nodes/ca.crt" "$nodes/node.crt"
chmod 0640 "$nodes/node.key"
chown 1654:1654 "$nodes/node.key" 2>/dev/null || chmod 0644 "$nodes/node.key"
chmod 0600 "$authority/ca.key"
echo "cluster certificates written to $nodes"
