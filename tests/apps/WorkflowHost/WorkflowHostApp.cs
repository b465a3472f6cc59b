namespace AmazonScale.WorkflowHost;

public static class WorkflowHostApp
{
    public const string AppId = "workflow-host";
}
