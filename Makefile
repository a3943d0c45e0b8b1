# Gust: make build | test | demo | bench. Finds a JDK >= 21 by itself (bin/find-java).
JAVA_HOME := $(shell bin/find-java)
export JAVA_HOME
MVN := mvn -B -ntp
ifeq ($(JAVA_HOME),)
$(error no JDK 21 or newer found)
endif

.PHONY: build test demo bench clean

build:
	$(MVN) -q -DskipTests install

test:
	$(MVN) install

demo: build
	./gust demo

bench: build
	$(JAVA_HOME)/bin/java -cp "gust-bench/target/gust-bench.jar:gust-bench/target/lib/*" dev.gust.bench.Bench

clean:
	$(MVN) -q clean
