// GitHub's Deployments API, behind the one interface run() needs: create a deployment, give it a state. The
// implementation calls it through @actions/github, imported only when there is a token to call it with.

export interface NewDeployment {
  ref: string;
  environment: string;
  description: string;
}

export interface DeploymentStatus {
  state: string;
  description: string;
  environmentUrl?: string;
  /** The run's page, linked from the deployment. */
  logUrl: string;
}

export interface DeploymentsApi {
  /** Creates the deployment and resolves its id. */
  create(deployment: NewDeployment): Promise<number>;
  setStatus(deploymentId: number, status: DeploymentStatus): Promise<void>;
}

/** What a refused call became: GitHub's status and message, for the error run() writes. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The API for the repository and server of the run (GITHUB_REPOSITORY, GITHUB_API_URL), with `token`. */
export async function githubDeployments(token: string): Promise<DeploymentsApi> {
  const { context, getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  const { owner, repo } = context.repo;
  const refused = (error: unknown): never => {
    const status = (error as { status?: number }).status;
    throw new ApiRefusal(status, error instanceof Error ? error.message : String(error));
  };
  return {
    create: async ({ ref, environment, description }) => {
      const response = await octokit.rest.repos
        .createDeployment({
          owner,
          repo,
          ref,
          environment,
          description,
          // The pipeline already decided: no merge of the default branch, no commit-status checks here.
          auto_merge: false,
          required_contexts: [],
        })
        .catch(refused);
      if (response.status !== 201 || !('id' in response.data)) {
        throw new ApiRefusal(response.status, `GitHub did not create the deployment (HTTP ${response.status})`);
      }
      return response.data.id;
    },
    setStatus: async (deploymentId, status) => {
      await octokit.rest.repos
        .createDeploymentStatus({
          owner,
          repo,
          deployment_id: deploymentId,
          state: status.state as 'success',
          description: status.description,
          log_url: status.logUrl,
          ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
        })
        .catch(refused);
    },
  };
}
