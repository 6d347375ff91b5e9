import com.sun.tools.attach.VirtualMachine;

/**
 * Loads an agent into a running JVM: `java bench/Attach.java PID LIBRARY OPTIONS`. bench/probe.sh uses it to start and
 * stop async-profiler after the warm-up (jcmd's JVMTI.agent_load splits the options at their '=' signs).
 */
public class Attach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
