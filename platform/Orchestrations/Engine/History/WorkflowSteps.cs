namespace AmazonScale.Orchestrations.Engine.History;

/// <summary>A history entry recording that the workflow code took step <see cref="TaskId"/> (an activity, timer or child workflow).</summary>
public interface IStepTaken
{
    int TaskId { get; }
}

/// <summary>A history entry carrying the outcome of step <see cref="TaskId"/>.</summary>
public interface IStepOutcome
{
    int TaskId { get; }
}
