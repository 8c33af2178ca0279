#!/usr/bin/env node
import "../dist/stackyard.js";
