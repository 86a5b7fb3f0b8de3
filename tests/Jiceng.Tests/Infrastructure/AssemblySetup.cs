using Jiceng.Tests.Infrastructure;

// One demo app for the whole assembly; tests that need their own clock or accounts make their own factory.
[assembly: AssemblyFixture(typeof(SharedApp))]
