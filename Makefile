# Thin wrapper around coq_makefile: every build rule lives in the generated
# Makefile.coq, which is regenerated whenever _CoqProject changes.
#   make          build the library (use -jN for parallelism)
#   make clean    remove build products

COQMAKEFILE := Makefile.coq

all: $(COQMAKEFILE)
	+$(MAKE) -f $(COQMAKEFILE) all

$(COQMAKEFILE): _CoqProject
	coq_makefile -f _CoqProject -o $(COQMAKEFILE)

clean: $(COQMAKEFILE)
	+$(MAKE) -f $(COQMAKEFILE) cleanall
	rm -f $(COQMAKEFILE) $(COQMAKEFILE).conf

# forward any other target (e.g. a single .vo file) to the generated makefile
%: $(COQMAKEFILE)
	+$(MAKE) -f $(COQMAKEFILE) $@

.PHONY: all clean
