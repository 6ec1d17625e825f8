// What tests and benchmarks share across packages, imported by name ('@actions-kit/testkit'), never by a path into
// another package's tests. Jest hooks are apart, in '@actions-kit/testkit/hooks'.
export { ManualClock } from './manual-clock.js';
export type { ManualClockOptions } from './manual-clock.js';
export { fakeRunner, lines } from './fake-runner.js';
export type { FakeRunner } from './fake-runner.js';
export { recordingStepRunner } from './recording-step-runner.js';
export type { RecordedStepRunner } from './recording-step-runner.js';
export { groupGone, pidWrittenTo } from './process-probes.js';
export { caddyFlagRoutes, nginxFlagLocation, nginxFlagUpstreams } from './flag-configs.js';
export * from './real-proxies.js';
export {
  writeBanditReport,
  writeGitleaksReport,
  writeNpmAuditReport,
  writeSarifReport,
  writeSemgrepReport,
  writeTrivyReport,
} from './security-reports.js';
export { writeEslintReport, writeJunitReport, writeLcovReport } from './quality-reports.js';
export type { JunitCounts } from './quality-reports.js';
export { listenOnLoopback, selfSignedCertificate } from './loopback-servers.js';
export type { Certificate, LoopbackServer } from './loopback-servers.js';
export { familyDocsProblems } from './family-docs.js';
export type { ActionDocs, FamilyMember } from './family-docs.js';
export { InMemoryProvider, recordingLogger } from './in-memory-provider.js';
export { renderedText } from './rendered-text.js';
export { startMetricsExporter, startPrometheus } from './real-prometheus.js';
export type { MetricsExporter, PrometheusHandle } from './real-prometheus.js';
export { startScriptedServer } from './scripted-server.js';
export type { AnswerScript, ScriptedAnswer, ScriptedServer } from './scripted-server.js';
export { failureOf } from './failure-of.js';
export { wrkFigures } from './wrk.js';
export type { WrkFigures } from './wrk.js';
export { startFakeGitHubApi } from './github-api.js';
export type { FakeComment, FakeDeployment, FakeGitHubApi, RecordedRequest, ScriptedApiAnswer } from './github-api.js';
export { queryPrometheus } from './real-prometheus.js';
export { startPushgateway } from './real-pushgateway.js';
export type { PushgatewayHandle } from './real-pushgateway.js';
export { startContractServer } from './contract-server.js';
export type { ContractAnswer, ContractRequest, ContractServer, Fault } from './contract-server.js';
export { SLACK_TOKEN, blockKitBreaches, startSlackContract } from './slack-contract.js';
export type { SlackContractServer } from './slack-contract.js';
export { adaptiveCardProblems, startTeamsContract } from './teams-contract.js';
export type { TeamsContractServer } from './teams-contract.js';
export { GRAFANA_TOKEN, startGrafanaContract } from './grafana-contract.js';
export type { GrafanaAnnotation, GrafanaContractServer } from './grafana-contract.js';
export { startLokiContract } from './loki-contract.js';
export type { LokiContractServer, LokiLine } from './loki-contract.js';
export { startDockerEngine, startDockerRegistry } from './docker-engine.js';
export type { DockerEngine, DockerEngineOptions, DockerRegistry } from './docker-engine.js';
export { buildSampleImage, nodeBaseImage, pushImage } from './sample-image.js';
export type { SampleImageOptions, SampleVariant } from './sample-image.js';
