# pyacq-java: the pyacqd daemon in a container.
#   docker build -t pyacq .
#   docker run -d --name pyacqd -p 7600-7602:7600-7602 -v pyacq-keys:/var/lib/pyacq pyacq
# Configure with PYACQD_<SETTING> environment variables (see conf/pyacqd.conf), or mount a
# configuration over /opt/pyacq/conf/pyacqd.conf. Logging: conf/logback.xml, applied on top of
# pyacq's own setup (mount another over it, or set PYACQ_LOG_CONFIG).
#
# Ports: 7600 control (RPC), 7601 log server (children and clients send records), 7602 live log feed.
# Reached from other hosts (README, "Several hosts"): -e PYACQ_ADVERTISE_HOST=<this host's name>, so
# that the addresses the daemon hands out are ones they can dial (not the container's own address).

# ---- build stage: Maven builds the product's runnable jar (not the benchmark module) ---------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY picocli-java8/ picocli-java8/
COPY pyacq/pom.xml pyacq/
COPY pyacq-bench/pom.xml pyacq-bench/
# picocli as Java 8 class files (module picocli-java8), then the product's dependencies: a cached layer
RUN mvn -B -ntp -q -pl picocli-java8 install \
 && mvn -B -ntp -q -pl pyacq dependency:go-offline
COPY pyacq/src/main pyacq/src/main
RUN mvn -B -ntp -q -pl pyacq -DskipTests package

# ---- runtime stage: a JRE, the jar, the launchers and the configuration ---------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system pyacq \
 && useradd --system --gid pyacq --home-dir /var/lib/pyacq --create-home --shell /usr/sbin/nologin pyacq \
 && mkdir -p /run/pyacq && chown pyacq:pyacq /run/pyacq && chmod 700 /run/pyacq
COPY --from=build /src/pyacq/target/pyacq.jar /opt/pyacq/lib/pyacq.jar
COPY bin/ /opt/pyacq/bin/
COPY conf/ /opt/pyacq/conf/
# bash completion for `pyacq` (interactive shells in the container: docker exec -it pyacqd bash)
COPY --from=build /src/pyacq/target/completion/pyacq /etc/bash_completion.d/pyacq
ENV PATH=/opt/pyacq/bin:$PATH \
    PYACQ_RUNTIME_DIR=/run/pyacq \
    HOME=/var/lib/pyacq \
    PYACQD_ADDRESS=tcp://0.0.0.0:7600 \
    PYACQD_LOG_ADDRESS=tcp://0.0.0.0:7601 \
    PYACQD_LOG_FEED_ADDRESS=tcp://0.0.0.0:7602 \
    JAVA_OPTS=-XX:MaxRAMPercentage=50
USER pyacq
WORKDIR /var/lib/pyacq
VOLUME ["/var/lib/pyacq"]
EXPOSE 7600 7601 7602
HEALTHCHECK --interval=30s --timeout=15s --start-period=30s --retries=3 \
  CMD ["pyacq", "ping", "--no-autostart"]
ENTRYPOINT ["pyacqd"]
CMD ["--config", "/opt/pyacq/conf/pyacqd.conf"]
