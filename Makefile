# Bench for the KVM/arm64 stage-2 hardware DBM series.  See README.md.
SHELL := /bin/bash
S := scripts

.PHONY: all demo test kasan 16k bench tree export qemu-export check-series soak cover clean help
all: help

help:
	@echo "make demo          build, boot once per mode: perf test, a QEMU migration, a plot"
	@echo "make test          everything that must pass, VHE and nVHE (N passed, N failed)"
	@echo "make bench         perf matrix -> build/bench/results.csv, summary, PNG"
	@echo "make tree          build/linux: base import + git am patches/ (FORCE=1 to redo)"
	@echo "make export        regenerate patches/ from build/linux"
	@echo "make qemu-export   regenerate qemu/patches/ from build/qemu-src"
	@echo "make check-series  checkpatch, codespell, per-patch build, sparse and W=1"
	@echo "make kasan         the hardware DBM tests on a KASAN + kmemleak kernel, VHE and nVHE"
	@echo "make 16k           the hardware DBM tests on a 16K-page host kernel, VHE and nVHE"
	@echo "make soak          100 migrations per backing under interference, then make 16k"
	@echo "make cover         the cover letter's Results section from the last make bench"

demo:
	@bash $(S)/demo.sh

test:
	@bash $(S)/test.sh

kasan:
	@bash $(S)/kasan.sh

16k:
	@bash $(S)/host16k.sh

bench:
	@bash $(S)/bench.sh

tree:
	@bash $(S)/deps.sh
	@bash $(S)/tree.sh $(if $(FORCE),--force)

export:
	@bash $(S)/export.sh

qemu-export:
	@bash $(S)/export.sh qemu

check-series:
	@bash $(S)/deps.sh
	@bash $(S)/check-series.sh

soak:
	@bash $(S)/soak.sh

cover:
	@python3 $(S)/cover-results.py build/bench patches/0000-cover-letter.patch

clean:
	rm -rf build/logs build/initramfs* build/selftests build/bench
