# syntax=docker/dockerfile:1
# One recipe for every GrantLine app:  docker build --build-arg APP=grants -t grantline/grants .
# docker-compose.yml builds all five from it; the build stage is the same for each, so it runs once.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B -DskipTests -pl '!e2e' package \
 && mkdir /out && cp gateway/target/gateway.jar /out/ \
 && for app in jurisdiction grants documents notifications; do cp services/$app/target/$app.jar /out/; done

FROM eclipse-temurin:17-jre
ARG APP
RUN useradd --system --uid 10001 --no-create-home grantline
COPY --from=build /out/${APP}.jar /app/app.jar
USER 10001
ENV MICRONAUT_ENVIRONMENTS=production
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
