"""Validates deploy/compose.yaml without docker (not installed on the development machines).

1. Against the Compose specification JSON schema as shipped in docker-compose 1.29.2's wheel
   (compose/config/compose_spec.json; installed with --no-deps by deploy/verify.sh, only the schema is
   used: docker-compose v1 itself no longer installs on current Python).
2. Cross-references the schema cannot see: depends_on targets exist, named volumes and networks are
   declared, bind-mounted files exist, the build's Dockerfile exists, every `domino` command is one the
   binary knows (from `domino help`).

Usage: check_compose.py COMPOSE_FILE SCHEMA_FILE [DOMINO_BINARY]; exits 1 listing every problem.
"""
import json
import os
import subprocess
import sys

import jsonschema
import yaml


def problems(path, schema, domino=None):
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    found = []
    validator = jsonschema.Draft201909Validator(schema)
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        found.append(f"schema: {where}: {error.message}")
    if not isinstance(document, dict) or not isinstance(document.get("services"), dict):
        return found + ["no services"]
    base = os.path.dirname(os.path.abspath(path))
    services = document["services"]
    volumes = set((document.get("volumes") or {}).keys())
    networks = set((document.get("networks") or {}).keys())
    known_commands = None
    if domino:
        help_text = subprocess.run([domino, "help"], capture_output=True, text=True, check=True).stdout
        known_commands = {line.split()[0] for line in help_text.splitlines() if line.startswith("  ") and line.split()}
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        for target in (depends if isinstance(depends, (dict, list)) else []):
            if target not in services:
                found.append(f"services/{name}/depends_on: no service {target}")
        for network in service.get("networks") or []:
            if network not in networks:
                found.append(f"services/{name}/networks: {network} is not declared")
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith(("./", "../", "/")):
                if source.startswith("./tls") or source.startswith("./backups"):
                    continue  # created by the operator (certificates, backup directory)
                if not os.path.exists(os.path.join(base, source)):
                    found.append(f"services/{name}/volumes: {source} does not exist")
            elif source.startswith("$"):
                continue
            elif source not in volumes:
                found.append(f"services/{name}/volumes: named volume {source} is not declared")
        build = service.get("build")
        if isinstance(build, dict):
            dockerfile = os.path.join(base, build.get("context", "."), build.get("dockerfile", "Dockerfile"))
            if not os.path.isfile(dockerfile):
                found.append(f"services/{name}/build: {dockerfile} does not exist")
        image = str(service.get("image", ""))
        command = service.get("command")
        if image.startswith("domino:") and known_commands is not None and isinstance(command, list) and command:
            if command[0] not in known_commands:
                found.append(f"services/{name}/command: `domino {command[0]}` does not exist")
    return found


def main():
    compose, schema_path = sys.argv[1], sys.argv[2]
    domino = sys.argv[3] if len(sys.argv) > 3 else None
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    found = problems(compose, schema, domino)
    for line in found:
        print(f"{compose}: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
