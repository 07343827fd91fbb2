import { TEKTON_GROUP } from "./pipeline";

// Pipelines to start from when creating one (the create-from-YAML dialog
// offers them): every step has a script, so they run on any Tekton,
// including the fleet's, which plays steps instead of pulling images. Pure.

export const PIPELINE_TEMPLATES = ["build-and-test", "build-image-and-deploy"] as const;
export type PipelineTemplate = (typeof PIPELINE_TEMPLATES)[number];

const step = (name: string, image: string, script: string) => ({ name, image, script });
const git = "alpine/git:2.45.2";
const golang = "golang:1.26";

const clone = {
  name: "clone",
  params: [
    { name: "url", value: "$(params.git-url)" },
    { name: "revision", value: "$(params.revision)" },
  ],
  workspaces: [{ name: "source", workspace: "source" }],
  taskSpec: {
    params: [{ name: "url" }, { name: "revision" }],
    workspaces: [{ name: "source" }],
    results: [{ name: "commit", description: "The commit cloned" }],
    steps: [
      step(
        "fetch",
        git,
        "#!/bin/sh\nset -eu\ncd $(workspaces.source.path)\ngit clone --depth 1 --branch $(params.revision) $(params.url) .\ngit rev-parse --short HEAD | tr -d '\\n' > $(results.commit.path)",
      ),
    ],
  },
};

const gitParams = [
  { name: "git-url", type: "string", description: "Repository to clone", default: "https://git.example.com/team/app.git" },
  { name: "revision", type: "string", description: "Branch or tag to build", default: "main" },
];

export function pipelineTemplate(key: PipelineTemplate, ns: string): Record<string, unknown> {
  const metadata = { name: key, namespace: ns };
  if (key === "build-and-test") {
    return {
      apiVersion: `${TEKTON_GROUP}/v1`,
      kind: "Pipeline",
      metadata,
      spec: {
        description: "Clone a repository, then test and lint it side by side; report the outcome.",
        params: gitParams,
        workspaces: [{ name: "source" }],
        tasks: [
          clone,
          {
            name: "test",
            runAfter: ["clone"],
            workspaces: [{ name: "source", workspace: "source" }],
            taskSpec: { workspaces: [{ name: "source" }], steps: [step("unit", golang, "#!/bin/sh\ncd $(workspaces.source.path)\ngo test ./...")] },
          },
          {
            name: "lint",
            runAfter: ["clone"],
            workspaces: [{ name: "source", workspace: "source" }],
            taskSpec: { workspaces: [{ name: "source" }], steps: [step("vet", golang, "#!/bin/sh\ncd $(workspaces.source.path)\ngo vet ./...")] },
          },
        ],
        finally: [
          {
            name: "report",
            params: [
              { name: "outcome", value: "$(tasks.status)" },
              { name: "commit", value: "$(tasks.clone.results.commit)" },
            ],
            taskSpec: { params: [{ name: "outcome" }, { name: "commit" }], steps: [step("print", "busybox:1.36", "echo \"$(params.commit): $(params.outcome)\"")] },
          },
        ],
      },
    };
  }
  return {
    apiVersion: `${TEKTON_GROUP}/v1`,
    kind: "Pipeline",
    metadata,
    spec: {
      description: "Clone, build and push an image tagged with the commit, then roll it out to a deployment.",
      params: [
        ...gitParams,
        { name: "image", type: "string", description: "Image repository to push to", default: "registry.example.com/team/app" },
        { name: "deployment", type: "string", description: "Deployment to update (its first container)", default: "app" },
      ],
      workspaces: [{ name: "source" }],
      results: [{ name: "image", value: "$(tasks.build.results.image)" }],
      tasks: [
        clone,
        {
          name: "build",
          params: [
            { name: "image", value: "$(params.image):$(tasks.clone.results.commit)" },
          ],
          workspaces: [{ name: "source", workspace: "source" }],
          taskSpec: {
            params: [{ name: "image" }],
            workspaces: [{ name: "source" }],
            results: [{ name: "image", description: "The image pushed, with its tag" }],
            steps: [
              step(
                "build-and-push",
                "gcr.io/kaniko-project/executor:v1.23.2-debug",
                "#!/busybox/sh\n/kaniko/executor --context=$(workspaces.source.path) --destination=$(params.image)\necho -n $(params.image) > $(results.image.path)",
              ),
            ],
          },
        },
        {
          name: "deploy",
          params: [
            { name: "image", value: "$(tasks.build.results.image)" },
            { name: "deployment", value: "$(params.deployment)" },
          ],
          taskSpec: {
            params: [{ name: "image" }, { name: "deployment" }],
            steps: [
              step(
                "rollout",
                "bitnami/kubectl:1.37",
                "#!/bin/sh\nset -eu\nc=$(kubectl get deployment $(params.deployment) -o jsonpath='{.spec.template.spec.containers[0].name}')\nkubectl set image deployment/$(params.deployment) $c=$(params.image)\nkubectl rollout status deployment/$(params.deployment) --timeout=5m",
              ),
            ],
          },
        },
      ],
    },
  };
}
