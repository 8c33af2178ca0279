#!/bin/sh
# Installs what the Go template oracle (test/template/go-oracle) builds with, from Debian 12's
# own packages: Go 1.19, Sprig v3.2.3 and yaml.v2, plus every library Sprig imports. The build
# runs in GOPATH mode against /usr/share/gocode, so nothing is fetched from the Go module proxy.
# Run as root (CI does).
set -eu

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  golang-go \
  golang-github-masterminds-sprig-dev \
  golang-github-masterminds-goutils-dev \
  golang-github-masterminds-semver-dev \
  golang-github-google-uuid-dev \
  golang-github-huandu-xstrings-dev \
  golang-github-imdario-mergo-dev \
  golang-github-mitchellh-copystructure-dev \
  golang-github-mitchellh-reflectwalk-dev \
  golang-github-shopspring-decimal-dev \
  golang-github-spf13-cast-dev \
  golang-golang-x-crypto-dev \
  golang-gopkg-yaml.v2-dev \
  >/dev/null
